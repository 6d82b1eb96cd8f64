using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Account;

/// <summary>A staff member turns on two-factor sign-in and renews recovery codes.</summary>
[Authorize(Policy = Policies.StaffAccount)]
[Route("account/two-factor")]
public sealed class TwoFactorController : Controller
{
    private const string SetupView = "TwoFactorSetup";
    private const string CodesView = "RecoveryCodes";

    [HttpGet("setup")]
    public async Task<IActionResult> Setup(string? returnUrl, [FromServices] TwoFactorSetupPage.Handler pages) =>
        View(SetupView, await pages.HandleAsync(User) with { Form = new EnableTwoFactor.Command { ReturnUrl = returnUrl } });

    [HttpPost("setup")]
    public async Task<IActionResult> Setup(
        [Bind(Prefix = "Form")] EnableTwoFactor.Command form, [FromServices] EnableTwoFactor.Handler handler, [FromServices] TwoFactorSetupPage.Handler pages)
    {
        if ((await pages.HandleAsync(User)).Enabled)
        {
            // On already (another tab turned it on): nothing to do, the page says so.
            return RedirectToAction(nameof(Setup));
        }

        var (outcome, codes) = await handler.HandleAsync(User, form);
        if (outcome.Succeeded)
        {
            return View(CodesView, new TwoFactor.CodesPage(codes, Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl : "/"));
        }

        ModelState.AddErrors(outcome, "Form");
        return View(SetupView, await pages.HandleAsync(User) with { Form = form });
    }

    /// <summary>
    /// The page tells the server someone is still typing (staff sessions end after 15 idle minutes, and a
    /// long chart is typed without a request): answering is enough, the session check notes the visit.
    /// </summary>
    [HttpGet("/account/still-here")]
    public IActionResult StillHere() => NoContent();

    [HttpPost("recovery-codes")]
    public async Task<IActionResult> RecoveryCodes([FromServices] NewRecoveryCodes.Handler handler)
    {
        var codes = await handler.HandleAsync(User);
        return codes.Count == 0 ? RedirectToAction(nameof(Setup)) : View(CodesView, new TwoFactor.CodesPage(codes));
    }
}
