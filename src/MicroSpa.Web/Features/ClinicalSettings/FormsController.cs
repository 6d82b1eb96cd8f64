using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.ClinicalSettings;

/// <summary>The forms the clinic owns, edited by the medical director: the consent text and the screening questions, in versions.</summary>
[Authorize(Policy = Policies.ClinicalSettings)]
[Authorize(Roles = Data.Identity.Roles.MedicalDirector)]
[Route("clinical-settings")]
public sealed class FormsController : Controller
{
    /// <summary>Views live with the clinical settings (they are found by controller name otherwise).</summary>
    private const string ConsentView = "~/Features/ClinicalSettings/Views/Consent.cshtml";

    private const string ScreeningView = "~/Features/ClinicalSettings/Views/Screening.cshtml";
    private const string ScreeningVersionView = "~/Features/ClinicalSettings/Views/ScreeningVersion.cshtml";

    [HttpGet("consent")]
    public async Task<IActionResult> Consent([FromServices] ConsentVersions.Handler versions, CancellationToken cancellationToken) =>
        View(ConsentView, await versions.HandleAsync(cancellationToken));

    [HttpPost("consent")]
    public async Task<IActionResult> PublishConsent(
        [Bind(Prefix = "Form")] PublishConsent.Command command, [FromServices] PublishConsent.Handler handler, [FromServices] ConsentVersions.Handler versions,
        CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var (version, outcome) = await handler.HandleAsync(command, cancellationToken);
            if (outcome.Succeeded)
            {
                TempData["Notice"] = $"Consent version {version} published. Clients sign it from now on, and again at check-in if they signed an older one.";
                return RedirectToAction(nameof(Consent));
            }

            ModelState.AddErrors(outcome, "Form");
        }

        // What was typed stays; the editor now starts from the current version.
        var page = await versions.HandleAsync(cancellationToken);
        command.BasedOnVersion = page.Current;
        return View(ConsentView, page with { Form = command });
    }

    [HttpGet("screening")]
    public async Task<IActionResult> Screening([FromServices] ScreeningVersions.Handler versions, CancellationToken cancellationToken) =>
        View(ScreeningView, await versions.HandleAsync(cancellationToken));

    [HttpPost("screening")]
    public async Task<IActionResult> PublishScreening(
        [Bind(Prefix = "Form")] PublishScreening.Command command, [FromServices] PublishScreening.Handler handler,
        [FromServices] ScreeningVersions.Handler versions, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var (version, outcome) = await handler.HandleAsync(command, cancellationToken);
            if (outcome.Succeeded)
            {
                TempData["Notice"] = $"Screening questions version {version} published. Online booking and the check-in tablet ask them from now on, "
                    + "and a visit screened on an older version is screened again at check-in.";
                return RedirectToAction(nameof(Screening));
            }

            ModelState.AddErrors(outcome, "Form");
        }

        // What was typed stays (nothing is saved); the editor now starts from the current version.
        var current = await versions.HandleAsync(cancellationToken);
        command.BasedOnVersion = current.Current;
        return View(ScreeningView, current with { Form = command });
    }

    [HttpGet("screening/versions/{version:int}")]
    public async Task<IActionResult> ScreeningVersion(int version, [FromServices] ScreeningVersions.Handler versions, CancellationToken cancellationToken) =>
        await versions.VersionAsync(version, cancellationToken) is { } detail ? View(ScreeningVersionView, detail) : NotFound();
}
