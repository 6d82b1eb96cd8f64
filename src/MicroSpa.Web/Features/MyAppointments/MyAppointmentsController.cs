using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.MyAppointments;

[Authorize(Policy = Policies.Client)]
[Route("my/appointments")]
public sealed class MyAppointmentsController(ClinicTimeZone zone, IOptions<ClinicOptions> clinic) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] MyAppointmentList.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(cancellationToken));

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(
        Guid id, bool booked, [FromServices] MyAppointmentList.Handler handler, [FromServices] UndoMyCancellation.Handler undo, CancellationToken cancellationToken) =>
        await handler.OneAsync(id, cancellationToken) is { } item
            ? View(new DetailsPage(item, booked, clinic.Value)
            {
                PaidAtBooking = await handler.PaidAtBookingAsync(id, cancellationToken),
                UndoUntil = await undo.UntilAsync(id, cancellationToken),
            })
            : NotFound();

    [HttpPost("/my/preferences")]
    public async Task<IActionResult> Preferences(bool reminders, [FromServices] SetMyPreferences.Handler handler, CancellationToken cancellationToken)
    {
        await handler.HandleAsync(!reminders, cancellationToken);
        TempData[OutcomeAnswers.Notice] = reminders ? "We will send you check-ins and reminders when a session is due." : "No more check-ins or due reminders. You still get booking confirmations and visit reminders.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:guid}/aftercare")]
    public async Task<IActionResult> Aftercare(Guid id, [FromServices] MyAftercare.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, cancellationToken) is { } plan ? View(plan) : NotFound();

    /// <summary>"Cancel this appointment?" with the clinic's policy; only the button on it cancels.</summary>
    [HttpGet("{id:guid}/cancel")]
    public async Task<IActionResult> Cancel(Guid id, [FromServices] CancellingPage.Handler page, CancellationToken cancellationToken) =>
        await page.HandleAsync(id, cancellationToken) is { } cancelling ? View(cancelling) : NotFound();

    [HttpPost("{id:guid}/cancel")]
    public async Task<IActionResult> Cancel(Guid id, [FromServices] CancelMyAppointment.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(
            await handler.HandleAsync(id, cancellationToken), () => RedirectToAction(nameof(Details), new { id }),
            notice: "Your appointment is cancelled. We sent you an email.", refused: () => RedirectToAction(nameof(Index)));

    /// <summary>Takes back the client's own cancellation within a few minutes, while the time is still free.</summary>
    [HttpPost("{id:guid}/undo-cancel")]
    public async Task<IActionResult> UndoCancel(Guid id, [FromServices] UndoMyCancellation.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(
            await handler.HandleAsync(id, cancellationToken), () => RedirectToAction(nameof(Details), new { id }),
            notice: "Your cancellation is undone: you are booked again at the same time. We sent you an email.");

    [HttpGet("{id:guid}/reschedule")]
    public async Task<IActionResult> Reschedule(Guid id, DateOnly? date, [FromServices] MyReschedulingPage.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.HandleAsync(id, date, cancellationToken), page => View(page), refused: () => RedirectToAction(nameof(Index)));

    [HttpPost("{id:guid}/reschedule")]
    public async Task<IActionResult> Reschedule(
        Guid id, DateTimeOffset start, [FromServices] RescheduleMyAppointment.Handler handler, CancellationToken cancellationToken) =>
        !ModelState.IsValid
            ? BadRequest()
            : this.Answer(
                (await handler.HandleAsync(id, start, cancellationToken))?.Outcome,
                () => RedirectToAction(nameof(Details), new { id }),
                notice: "Your appointment has moved. We sent you an updated calendar invitation.",
                refused: () => RedirectToAction(nameof(Reschedule), new { id, date = DateOnly.FromDateTime(zone.ToLocal(start)).ToString("yyyy-MM-dd") }));
}

public sealed record DetailsPage(MyAppointmentList.Item Item, bool JustBooked, ClinicOptions Clinic)
{
    /// <summary>The deposit paid or the card saved when booking online, as the confirmation email says it.</summary>
    public string? PaidAtBooking { get; init; }

    /// <summary>The client cancelled it a moment ago and may still undo that until then (clinic time).</summary>
    public DateTime? UndoUntil { get; init; }
}
