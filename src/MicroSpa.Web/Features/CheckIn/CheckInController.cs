using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.CheckIn;

/// <summary>Screening and consent on the clinic's tablet at check-in, started by the front desk from the appointment card.</summary>
[Authorize(Policy = Policies.Intake)]
[Route("front-desk/appointments/{id:guid}/intake")]
public sealed class CheckInController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(Guid id, [FromServices] CheckInIntake.Handler handler, CancellationToken cancellationToken)
    {
        if (await handler.PageAsync(id, cancellationToken) is not { } page)
        {
            return NotFound();
        }

        return View(page.Next switch
        {
            CheckInIntake.Step.Screening => "Screening",
            CheckInIntake.Step.Consent => "Consent",
            _ => "Done",
        }, page);
    }

    [HttpPost("screening")]
    public async Task<IActionResult> Screening(
        Guid id, Shared.ScreeningAnswers command, [FromServices] CheckInIntake.Handler handler, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            if (await handler.AnswerAsync(id, command, cancellationToken) is not { } outcome)
            {
                return NotFound();
            }

            if (outcome.Succeeded)
            {
                return RedirectToAction(nameof(Index), new { id });
            }

            ModelState.AddErrors(outcome);
        }

        return await handler.PageAsync(id, cancellationToken) is { } page ? View("Screening", page with { Answers = command.Answers }) : NotFound();
    }

    [HttpPost("consent")]
    public async Task<IActionResult> Consent(
        Guid id, [Bind(Prefix = "Consent")] CheckInIntake.ConsentCommand command, [FromServices] CheckInIntake.Handler handler,
        CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var ip = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var userAgent = Request.Headers.UserAgent.ToString();
            if (await handler.SignAsync(id, command, ip, userAgent, cancellationToken) is not { } outcome)
            {
                return NotFound();
            }

            if (outcome.Succeeded)
            {
                return RedirectToAction(nameof(Index), new { id });
            }

            ModelState.AddErrors(outcome, "Consent");
        }

        return await handler.PageAsync(id, cancellationToken) is { } page ? View("Consent", page with { Consent = command }) : NotFound();
    }
}
