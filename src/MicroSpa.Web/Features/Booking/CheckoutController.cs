using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Booking;

/// <summary>A signed-in client takes the chosen time into checkout, confirms it, or picks a nearby time when it was taken.</summary>
[Route("book")]
public sealed class CheckoutController(ClinicTimeZone zone, IOptions<ClinicOptions> clinic) : Controller
{
    [Authorize(Policy = Policies.Client)]
    [HttpGet("checkout")]
    public async Task<IActionResult> Checkout(
        [FromQuery] StartBooking.Command command, [FromServices] BookingOptions.Handler options, [FromServices] BookingChecks checks,
        [FromServices] CurrentClient client, CancellationToken cancellationToken)
    {
        // A start or id that cannot be read is a broken link, not a time to check.
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        if (await options.ForAsync(command.ServiceId, cancellationToken) is not { } service)
        {
            return NotFound();
        }

        var (outcome, alternatives) = await checks.CheckAsync(
            command.ServiceId, command.AreaIds, command.ProviderId, command.Start, await client.RequiredIdAsync(cancellationToken), null, cancellationToken);
        return View(new CheckoutPage(service, command, zone.ToLocal(command.Start), outcome, Grid(alternatives, "/book/checkout", "get", command)));
    }

    [Authorize(Policy = Policies.Client)]
    [EnableRateLimiting(RateLimits.Booking)]
    [HttpPost("checkout")]
    public async Task<IActionResult> StartCheckout(
        StartBooking.Command command, [FromServices] StartBooking.Handler handler, [FromServices] BookingOptions.Handler options, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var result = await handler.HandleAsync(command, cancellationToken);
        if (result.DraftId is { } draftId)
        {
            return result.NeedsIntake ? RedirectToAction(nameof(BookingController.Screening), "Booking", new { draftId }) : RedirectToAction(nameof(Confirm), new { draftId });
        }

        if (await options.ForAsync(command.ServiceId, cancellationToken) is not { } service)
        {
            return NotFound();
        }

        return View(nameof(Checkout), new CheckoutPage(service, command, zone.ToLocal(command.Start), result.Outcome,
            Grid(result.Alternatives, "/book/checkout", "get", command)));
    }

    [Authorize(Policy = Policies.Client)]
    [HttpGet("{draftId:guid}/confirm")]
    public async Task<IActionResult> Confirm(Guid draftId, [FromServices] DraftSummary.Handler summary, CancellationToken cancellationToken)
    {
        if (await summary.HandleAsync(draftId, cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        if (draft.AppointmentId is { } booked)
        {
            return RedirectToAction("Details", "MyAppointments", new { id = booked });
        }

        return View(new ConfirmPage(draft, clinic.Value, Outcome.Success, null));
    }

    [Authorize(Policy = Policies.Client)]
    [EnableRateLimiting(RateLimits.Booking)]
    [HttpPost("{draftId:guid}/confirm")]
    public async Task<IActionResult> ConfirmPost(
        Guid draftId, [FromServices] ConfirmBooking.Handler handler, [FromServices] DraftSummary.Handler summary, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(draftId, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        if (result.AppointmentId is { } appointmentId)
        {
            return RedirectToAction("Details", "MyAppointments", new { id = appointmentId, booked = true });
        }

        var draft = (await summary.HandleAsync(draftId, cancellationToken))!;
        var grid = Grid(result.Alternatives, $"/book/{draftId}/time", "post", null);
        return View(nameof(Confirm), new ConfirmPage(draft, clinic.Value, result.Outcome, grid));
    }

    [Authorize(Policy = Policies.Client)]
    [HttpPost("{draftId:guid}/time")]
    public async Task<IActionResult> ChangeTime(
        Guid draftId, DateTimeOffset start, [FromServices] ChangeDraftTime.Handler handler, [FromServices] DraftSummary.Handler summary,
        CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var outcome = await handler.HandleAsync(draftId, start, cancellationToken);
        return outcome is { Succeeded: false }
            ? View(nameof(Confirm), new ConfirmPage((await summary.HandleAsync(draftId, cancellationToken))!, clinic.Value, outcome, null))
            : this.Answer(outcome, () => RedirectToAction(nameof(Confirm), new { draftId }));
    }

    private TimeGrid? Grid(IReadOnlyList<OpenSlot> slots, string action, string method, StartBooking.Command? command)
    {
        if (slots.Count == 0)
        {
            return null;
        }

        var hidden = new List<KeyValuePair<string, string>>();
        if (command is not null)
        {
            hidden.Add(new("serviceId", command.ServiceId.ToString()));
            hidden.AddRange(command.AreaIds.Select(a => new KeyValuePair<string, string>("areaIds", a.ToString())));
            if (command.ProviderId is { } provider)
            {
                hidden.Add(new("providerId", provider.ToString()));
            }
        }

        var first = DateOnly.FromDateTime(zone.ToLocal(slots[0].Start));
        var last = DateOnly.FromDateTime(zone.ToLocal(slots[^1].Start));
        var days = TimeGrid.Group(slots, first, last, zone, clinic.Value.CultureInfo).Where(d => d.Times.Count > 0).ToList();
        return new TimeGrid(days, action, method, hidden);
    }
}
