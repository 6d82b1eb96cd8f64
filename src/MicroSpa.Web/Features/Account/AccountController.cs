using MicroSpa.Data.Identity;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MicroSpa.Web.Features.Account;

[AllowAnonymous]
[Route("account")]
public sealed class AccountController : Controller
{
    [HttpGet("register")]
    public IActionResult Register(string? returnUrl) =>
        View(new Register.Command { ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null });

    [HttpPost("register")]
    [EnableRateLimiting(RateLimits.Account)]
    public async Task<IActionResult> Register(
        Register.Command command, [FromServices] Register.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(command);
        }

        var outcome = await handler.HandleAsync(command, cancellationToken);
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome);
            return View(command);
        }

        return RedirectToAction(nameof(CheckEmail));
    }

    [HttpGet("check-email")]
    public IActionResult CheckEmail() => View();

    [HttpGet("confirm-email")]
    public async Task<IActionResult> ConfirmEmail(Guid userId, string? code, string? returnUrl, [FromServices] ConfirmEmail.Handler handler)
    {
        var confirmed = await handler.HandleAsync(userId, code);
        if (!confirmed)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        ViewData["ReturnUrl"] = Url.IsLocalUrl(returnUrl) ? returnUrl : null;
        return View(confirmed);
    }

    [HttpGet("resend-confirmation")]
    public IActionResult ResendConfirmation() => View(new ResendConfirmation.Command());

    [HttpPost("resend-confirmation")]
    [EnableRateLimiting(RateLimits.Account)]
    public async Task<IActionResult> ResendConfirmation(
        ResendConfirmation.Command command, [FromServices] ResendConfirmation.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(command);
        }

        await handler.HandleAsync(command, cancellationToken);
        return RedirectToAction(nameof(CheckEmail));
    }

    [HttpGet("sign-in")]
    [ActionName("SignIn")]
    public IActionResult SignInPage(string? returnUrl) => View(new SignIn.Command { ReturnUrl = returnUrl });

    [HttpPost("sign-in")]
    [EnableRateLimiting(RateLimits.Account)]
    [ActionName("SignIn")]
    public async Task<IActionResult> SignInPost(
        SignIn.Command command, [FromServices] SignIn.Handler handler)
    {
        if (!ModelState.IsValid)
        {
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

        return View(new TwoFactor.CodeForm { ReturnUrl = returnUrl });
    }

    [HttpPost("two-factor")]
    [EnableRateLimiting(RateLimits.Account)]
    public async Task<IActionResult> TwoFactorCode(TwoFactor.CodeForm form, [FromServices] TwoFactor.Handler handler)
    {
        var (outcome, landing) = await handler.SignInAsync(form);
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

    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new ForgotPassword.Command());

    [HttpPost("forgot-password")]
    [EnableRateLimiting(RateLimits.Account)]
    public async Task<IActionResult> ForgotPassword(
        ForgotPassword.Command command, [FromServices] ForgotPassword.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(command);
        }

        await handler.HandleAsync(command, cancellationToken);
        return RedirectToAction(nameof(ForgotPasswordSent));
    }

    [HttpGet("forgot-password/sent")]
    public IActionResult ForgotPasswordSent() => View();

    [HttpGet("reset-password")]
    public IActionResult ResetPassword(string? email, string? code) =>
        View(new ResetPassword.Command { Email = email ?? string.Empty, Code = code ?? string.Empty });

    [HttpPost("reset-password")]
    [EnableRateLimiting(RateLimits.Account)]
    public async Task<IActionResult> ResetPassword(ResetPassword.Command command, [FromServices] ResetPassword.Handler handler)
    {
        if (!ModelState.IsValid)
        {
            return View(command);
        }

        var outcome = await handler.HandleAsync(command);
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome);
            return View(command);
        }

        TempData["Notice"] = "Your password is set. Sign in with it now.";
        return RedirectToAction("SignIn");
    }

    [HttpGet("access-denied")]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }
}
