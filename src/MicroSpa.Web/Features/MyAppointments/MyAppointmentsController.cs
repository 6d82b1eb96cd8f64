using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.MyAppointments;

[Authorize(Policy = Policies.Client)]
[Route("my/appointments")]
public sealed class MyAppointmentsController(ClinicTimeZone zone, IOptions<ClinicOptions> clinic, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] MyAppointmentList.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(cancellationToken));

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id, bool booked, [FromServices] MyAppointmentList.Handler handler, CancellationToken cancellationToken) =>
        await handler.OneAsync(id, cancellationToken) is { } item ? View(new DetailsPage(item, booked, clinic.Value)) : NotFound();

    [HttpPost("/my/preferences")]
    public async Task<IActionResult> Preferences(bool reminders, [FromServices] SetMyPreferences.Handler handler, CancellationToken cancellationToken)
    {
        await handler.HandleAsync(!reminders, cancellationToken);
        TempData["Notice"] = reminders ? "We will send you check-ins and reminders when a session is due." : "No more check-ins or due reminders. You still get booking confirmations and visit reminders.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:guid}/aftercare")]
    public async Task<IActionResult> Aftercare(Guid id, [FromServices] MyAftercare.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, cancellationToken) is { } plan ? View(plan) : NotFound();

    [HttpPost("{id:guid}/cancel")]
    public async Task<IActionResult> Cancel(Guid id, [FromServices] CancelMyAppointment.Handler handler, CancellationToken cancellationToken)
    {
        var outcome = await handler.HandleAsync(id, cancellationToken);
        if (outcome is null)
        {
            return NotFound();
        }

        TempData[outcome.Succeeded ? "Notice" : "Problem"] = outcome.Succeeded
            ? "Your appointment is cancelled. We sent you an email."
            : string.Join(" ", outcome.Errors.Select(e => e.Message));
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:guid}/reschedule")]
    public async Task<IActionResult> Reschedule(
        Guid id, DateOnly? date, [FromServices] RescheduleMyAppointment.Handler handler, [FromServices] OpenTimes.Handler openTimes,
        CancellationToken cancellationToken)
    {
        var (target, allowed) = await handler.FindAsync(id, cancellationToken);
        if (target is null)
        {
            return NotFound();
        }

        if (!allowed.Succeeded)
        {
            TempData["Problem"] = string.Join(" ", allowed.Errors.Select(e => e.Message));
            return RedirectToAction(nameof(Index));
        }

        var today = zone.Today(clock.GetUtcNow());
        var from = date is { } chosen && chosen >= today ? chosen : today;
        var to = from.AddDays(6);
        var times = await openTimes.HandleAsync(new OpenTimes.Query(target.ServiceId, from, to, null, id), cancellationToken);
        var grid = new TimeGrid(TimeGrid.Group(times?.Slots ?? [], from, to, zone, clinic.Value.CultureInfo), $"/my/appointments/{id}/reschedule", "post", []);
        return View(new ReschedulePage(id, zone.ToLocal(target.StartsAt), from, grid));
    }

    [HttpPost("{id:guid}/reschedule")]
    public async Task<IActionResult> Reschedule(
        Guid id, DateTimeOffset start, [FromServices] RescheduleMyAppointment.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var result = await handler.HandleAsync(id, start, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        if (result.Outcome.Succeeded)
        {
            TempData["Notice"] = "Your appointment has moved. We sent you an updated calendar invitation.";
            return RedirectToAction(nameof(Details), new { id });
        }

        TempData["Problem"] = string.Join(" ", result.Outcome.Errors.Select(e => e.Message));
        return RedirectToAction(nameof(Reschedule), new { id, date = DateOnly.FromDateTime(zone.ToLocal(start)).ToString("yyyy-MM-dd") });
    }
}

public sealed record DetailsPage(MyAppointmentList.Item Item, bool JustBooked, ClinicOptions Clinic);

public sealed record ReschedulePage(Guid AppointmentId, DateTime CurrentLocalStart, DateOnly From, TimeGrid Grid);
