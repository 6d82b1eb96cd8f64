using MicroSpa.Data.Identity;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MicroSpa.Web.Features.Account;

/// <summary>Signing in (with a staff member's second factor), signing out, and the access-denied page.</summary>
[AllowAnonymous]
[Route("account")]
public sealed class AccountController : Controller
{
    [HttpGet("sign-in")]
    [ActionName("SignIn")]
    public async Task<IActionResult> SignInPage(string? returnUrl, [FromServices] KeptTime.Handler kept, CancellationToken cancellationToken)
    {
        await this.ShowKeptTimeAsync(kept, returnUrl, cancellationToken);
        return View(new SignIn.Command { ReturnUrl = returnUrl });
    }

    [HttpPost("sign-in")]
    [EnableRateLimiting(RateLimits.Account)]
    [ActionName("SignIn")]
    public async Task<IActionResult> SignInPost(
        SignIn.Command command, [FromServices] SignIn.Handler handler, [FromServices] KeptTime.Handler kept, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await this.ShowKeptTimeAsync(kept, command.ReturnUrl, cancellationToken);
            return View(command);
        }

        var (result, outcome, landing) = await handler.HandleAsync(command);
        if (result == Account.SignIn.Result.TwoFactorRequired)
        {
            return RedirectToAction(nameof(TwoFactorCode), new { returnUrl = command.ReturnUrl });
        }

        if (result != Account.SignIn.Result.SignedIn)
        {
            ModelState.AddErrors(outcome);
            ViewData["ShowResend"] = result == Account.SignIn.Result.EmailNotConfirmed;
            await this.ShowKeptTimeAsync(kept, command.ReturnUrl, cancellationToken);
            return View(command);
        }

        return LocalRedirect(Url.IsLocalUrl(command.ReturnUrl) ? command.ReturnUrl : landing);
    }

    [HttpGet("two-factor")]
    public async Task<IActionResult> TwoFactorCode(
        string? returnUrl, [FromServices] SignInManager<ApplicationUser> signIn, [FromServices] IConfiguration configuration, [FromServices] TimeProvider clock)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToAction("SignIn", new { returnUrl });
        }

        // Trying the demo without an authenticator app: its accounts share a published key (README).
        if (Infrastructure.Seeding.DemoMode.IsOn(configuration) && user.Email?.EndsWith(Infrastructure.Seeding.DemoAuthenticator.DemoDomain, StringComparison.OrdinalIgnoreCase) == true)
        {
            ViewData["DemoCode"] = Infrastructure.Seeding.DemoAuthenticator.CodeAt(clock.GetUtcNow());
        }

        return View(new SignInWithSecondFactor.Command { ReturnUrl = returnUrl });
    }

    [HttpPost("two-factor")]
    [EnableRateLimiting(RateLimits.Account)]
    public async Task<IActionResult> TwoFactorCode(SignInWithSecondFactor.Command form, [FromServices] SignInWithSecondFactor.Handler handler)
    {
        var (outcome, landing) = await handler.HandleAsync(form);
        if (outcome is null)
        {
            TempData["Notice"] = "Sign in again: the first step has expired.";
            return RedirectToAction("SignIn", new { returnUrl = form.ReturnUrl });
        }

        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome);
            return View(form);
        }

        return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl : landing);
    }

    [HttpPost("sign-out")]
    [ActionName("SignOut")]
    public async Task<IActionResult> SignOutPost([FromServices] SignInManager<ApplicationUser> signIn)
    {
        await signIn.SignOutAsync();
        return Redirect("/");
    }

    [HttpGet("access-denied")]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }
}
