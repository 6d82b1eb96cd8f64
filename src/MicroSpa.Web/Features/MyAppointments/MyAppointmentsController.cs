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
    public async Task<IActionResult> Details(Guid id, bool booked, [FromServices] MyAppointmentList.Handler handler, CancellationToken cancellationToken) =>
        await handler.OneAsync(id, cancellationToken) is { } item
            ? View(new DetailsPage(item, booked, clinic.Value) { PaidAtBooking = await handler.PaidAtBookingAsync(id, cancellationToken) })
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

    [HttpPost("{id:guid}/cancel")]
    public async Task<IActionResult> Cancel(Guid id, [FromServices] CancelMyAppointment.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(
            await handler.HandleAsync(id, cancellationToken), () => RedirectToAction(nameof(Index)), notice: "Your appointment is cancelled. We sent you an email.");

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
}
