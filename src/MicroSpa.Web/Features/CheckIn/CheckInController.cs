using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.CheckIn;

/// <summary>Screening and consent on the clinic's tablet at check-in, started by the front desk from the appointment card.</summary>
[Authorize(Policy = Policies.Intake)]
[Route("front-desk/appointments/{id:guid}/intake")]
public sealed class CheckInController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(Guid id, [FromServices] IntakePage.Handler pages, CancellationToken cancellationToken)
    {
        if (await pages.HandleAsync(id, cancellationToken) is not { } page)
        {
            return NotFound();
        }

        return View(page.Next switch
        {
            IntakePage.Step.Screening => "Screening",
            IntakePage.Step.Consent => "Consent",
            _ => "Done",
        }, page);
    }

    [HttpPost("screening")]
    public Task<IActionResult> Screening(
        Guid id, Shared.ScreeningAnswers command, [FromServices] AnswerScreeningAtCheckIn.Handler handler, [FromServices] IntakePage.Handler pages,
        CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            () => RedirectToAction(nameof(Index), new { id }),
            async () => await pages.HandleAsync(id, cancellationToken) is { } page ? View("Screening", page with { Answers = command.Answers }) : null);

    [HttpPost("consent")]
    public Task<IActionResult> Consent(
        Guid id, [Bind(Prefix = "Consent")] Shared.CheckInConsent.Command command, [FromServices] SignConsentAtCheckIn.Handler handler,
        [FromServices] IntakePage.Handler pages, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(
                id, command, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", Request.Headers.UserAgent.ToString(), cancellationToken),
            () => RedirectToAction(nameof(Index), new { id }),
            async () => await pages.HandleAsync(id, cancellationToken) is { } page ? View("Consent", page with { Consent = command }) : null,
            prefix: "Consent");
}
