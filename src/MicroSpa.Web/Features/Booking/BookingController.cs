using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Booking;

/// <summary>The client's health screening and consent, between checkout and confirmation, for a booking that needs them.</summary>
[Route("book")]
public sealed class BookingController(IOptions<ClinicOptions> clinic) : Controller
{
    [Authorize(Policy = Policies.Client)]
    [HttpGet("{draftId:guid}/screening")]
    public async Task<IActionResult> Screening(Guid draftId, [FromServices] ScreeningPage.Handler query, CancellationToken cancellationToken) =>
        await query.HandleAsync(draftId, cancellationToken) is { } page ? View(page) : NotFound();

    [Authorize(Policy = Policies.Client)]
    [HttpPost("{draftId:guid}/screening")]
    public async Task<IActionResult> Screening(
        Guid draftId, ScreeningAnswers command, [FromServices] AnswerScreening.Handler handler,
        [FromServices] ScreeningPage.Handler query, [FromServices] ServiceChoices.Handler choices, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await query.HandleAsync(draftId, cancellationToken) is { } page ? View(page with { Answers = command.Answers }) : NotFound();
        }

        return await ScreeningResultAsync(draftId, await handler.HandleAsync(draftId, command, cancellationToken), choices, cancellationToken);
    }

    [Authorize(Policy = Policies.Client)]
    [HttpPost("{draftId:guid}/screening/unchanged")]
    public async Task<IActionResult> ScreeningUnchanged(
        Guid draftId, [FromServices] AnswerScreening.Handler handler, [FromServices] ServiceChoices.Handler choices, CancellationToken cancellationToken) =>
        await ScreeningResultAsync(draftId, await handler.ConfirmUnchangedAsync(draftId, cancellationToken), choices, cancellationToken);

    [Authorize(Policy = Policies.Client)]
    [HttpGet("{draftId:guid}/consent")]
    public async Task<IActionResult> Consent(Guid draftId, [FromServices] ConsentPage.Handler query, CancellationToken cancellationToken) =>
        await query.HandleAsync(draftId, new SignConsent.Command(), cancellationToken) is { } page ? View(page) : NotFound();

    [Authorize(Policy = Policies.Client)]
    [HttpPost("{draftId:guid}/consent")]
    public async Task<IActionResult> Consent(
        Guid draftId, SignConsent.Command command, [FromServices] SignConsent.Handler handler, [FromServices] ConsentPage.Handler query,
        CancellationToken cancellationToken)
    {
        var ip = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return await this.AnswerFormAsync(
            () => handler.HandleAsync(draftId, command, ip, Request.Headers.UserAgent.ToString(), cancellationToken),
            () => RedirectToAction(nameof(CheckoutController.Confirm), "Checkout", new { draftId }),
            async () => await query.HandleAsync(draftId, command, cancellationToken) is { } page ? View(page) : null);
    }

    private async Task<IActionResult> ScreeningResultAsync(
        Guid draftId, AnswerScreening.Result result, ServiceChoices.Handler choices, CancellationToken cancellationToken)
    {
        if (!result.Found)
        {
            return NotFound();
        }

        if (result.AnswerAgain)
        {
            TempData["Notice"] = "Please answer the questions: your last screening cannot be reused.";
            return RedirectToAction(nameof(Screening), new { draftId });
        }

        if (result.Outcome == ScreeningOutcome.HardStop)
        {
            var consultation = (await choices.AllAsync(cancellationToken)).FirstOrDefault(s => s.Kind == ServiceKind.Consultation);
            return View("HardStop", new HardStopPage(result.Reasons, consultation?.ServiceId, clinic.Value.Phone));
        }

        if (result.Outcome == ScreeningOutcome.NeedsReview)
        {
            TempData["Notice"] = "Thank you. Your provider will go over some of your answers with you before treating: "
                + string.Join(" ", result.Reasons.Select(r => r.Explanation));
        }

        return RedirectToAction(nameof(Consent), new { draftId });
    }
}
