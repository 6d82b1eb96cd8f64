using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.ClinicalSettings;

/// <summary>The forms the clinic owns, edited by the medical director: the consent text and the screening questions, in versions.</summary>
[Authorize(Policy = Policies.MedicalDirector)]
[Route("clinical-settings")]
public sealed class FormsController : Controller
{
    [HttpGet("consent")]
    public async Task<IActionResult> Consent([FromServices] ConsentVersions.Handler versions, CancellationToken cancellationToken) =>
        View(await versions.HandleAsync(cancellationToken));

    [HttpPost("consent")]
    public Task<IActionResult> PublishConsent(
        [Bind(Prefix = "Form")] PublishConsent.Command command, [FromServices] PublishConsent.Handler handler, [FromServices] ConsentVersions.Handler versions,
        CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            async () => await handler.HandleAsync(command, cancellationToken),
            _ => RedirectToAction(nameof(Consent)),
            async () =>
            {
                // What was typed stays; the editor now starts from the current version.
                var page = await versions.HandleAsync(cancellationToken);
                command.BasedOnVersion = page.Current;
                return View(nameof(Consent), page with { Form = command });
            },
            prefix: "Form",
            notice: version => $"Consent version {version} published. Clients sign it from now on, and again at check-in if they signed an older one.");

    [HttpGet("screening")]
    public async Task<IActionResult> Screening([FromServices] ScreeningVersions.Handler versions, CancellationToken cancellationToken) =>
        View(await versions.HandleAsync(cancellationToken));

    [HttpPost("screening")]
    public Task<IActionResult> PublishScreening(
        [Bind(Prefix = "Form")] PublishScreening.Command command, [FromServices] PublishScreening.Handler handler,
        [FromServices] ScreeningVersions.Handler versions, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            async () => await handler.HandleAsync(command, cancellationToken),
            _ => RedirectToAction(nameof(Screening)),
            async () =>
            {
                // What was typed stays (nothing is saved); the editor now starts from the current version.
                var current = await versions.HandleAsync(cancellationToken);
                command.BasedOnVersion = current.Current;
                return View(nameof(Screening), current with { Form = command });
            },
            prefix: "Form",
            notice: version => $"Screening questions version {version} published. Online booking and the check-in tablet ask them from now on, "
                + "and a visit screened on an older version is screened again at check-in.");

    [HttpGet("screening/versions/{version:int}")]
    public async Task<IActionResult> ScreeningVersion(int version, [FromServices] ScreeningVersions.Handler versions, CancellationToken cancellationToken) =>
        await versions.VersionAsync(version, cancellationToken) is { } detail ? View(detail) : NotFound();
}
