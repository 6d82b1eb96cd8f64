using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.ClinicalSettings;

/// <summary>The forms the clinic owns, edited by the medical director: the consent text, in versions.</summary>
[Authorize(Policy = Policies.ClinicalSettings)]
[Authorize(Roles = Data.Identity.Roles.MedicalDirector)]
[Route("clinical-settings/consent")]
public sealed class FormsController : Controller
{
    /// <summary>Views live with the clinical settings (they are found by controller name otherwise).</summary>
    private const string ConsentView = "~/Features/ClinicalSettings/Views/Consent.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Consent([FromServices] ConsentVersions.Handler versions, CancellationToken cancellationToken) =>
        View(ConsentView, await versions.HandleAsync(cancellationToken));

    [HttpPost("")]
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
}
