using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Payments;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MicroSpa.Web.Features.Booking;

/// <summary>A signed-in client takes the chosen time into checkout, confirms it, or picks a nearby time when it was taken.</summary>
[Route("book")]
public sealed class CheckoutController : Controller
{
    [Authorize(Policy = Policies.Client)]
    [HttpGet("checkout")]
    public async Task<IActionResult> Checkout([FromQuery] StartBooking.Command command, [FromServices] ChosenTime.Handler page, CancellationToken cancellationToken)
    {
        // A start or id that cannot be read is a broken link, not a time to check.
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        return await page.HandleAsync(command, cancellationToken) is { } checkout ? View(checkout) : NotFound();
    }

    [Authorize(Policy = Policies.Client)]
    [EnableRateLimiting(RateLimits.Booking)]
    [HttpPost("checkout")]
    public async Task<IActionResult> StartCheckout(
        StartBooking.Command command, [FromServices] StartBooking.Handler handler, [FromServices] ChosenTime.Handler page, CancellationToken cancellationToken)
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

        return await page.RefusedAsync(command, result.Outcome, result.Alternatives, cancellationToken) is { } checkout ? View(nameof(Checkout), checkout) : NotFound();
    }

    [Authorize(Policy = Policies.Client)]
    [FormsToPaymentPage]
    [HttpGet("{draftId:guid}/confirm")]
    public async Task<IActionResult> Confirm(Guid draftId, [FromServices] Confirmation.Handler page, CancellationToken cancellationToken) =>
        await page.HandleAsync(draftId, Outcome.Success, [], cancellationToken) switch
        {
            null => NotFound(),
            { Draft.AppointmentId: { } booked } => RedirectToAction("Details", "MyAppointments", new { id = booked }),
            var confirm => View(confirm),
        };

    [Authorize(Policy = Policies.Client)]
    [EnableRateLimiting(RateLimits.Booking)]
    [FormsToPaymentPage]
    [HttpPost("{draftId:guid}/confirm")]
    public async Task<IActionResult> ConfirmPost(
        Guid draftId, int? policyVersion, Guid? seriesVersionId, [FromServices] ConfirmBooking.Handler handler, [FromServices] Confirmation.Handler page, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var browser = new ConfirmBooking.Browser(HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent.ToString());
        var result = await handler.HandleAsync(draftId, policyVersion, browser, seriesVersionId, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        if (result is { AppointmentId: { } held, Held: true })
        {
            if (result.PaymentUrl is { } url)
            {
                return Redirect(url);
            }

            TempData[OutcomeAnswers.Problem] = result.Notice;
            return RedirectToAction(nameof(HeldController.Index), "Held", new { appointmentId = held });
        }

        if (result.AppointmentId is { } appointmentId)
        {
            return RedirectToAction("Details", "MyAppointments", new { id = appointmentId, booked = true });
        }

        return View(nameof(Confirm), (await page.HandleAsync(draftId, result.Outcome, result.Alternatives, cancellationToken))!);
    }

    [Authorize(Policy = Policies.Client)]
    [HttpPost("{draftId:guid}/time")]
    public async Task<IActionResult> ChangeTime(
        Guid draftId, DateTimeOffset start, [FromServices] ChangeDraftTime.Handler handler, [FromServices] Confirmation.Handler page,
        CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var outcome = await handler.HandleAsync(draftId, start, cancellationToken);
        return outcome is { Succeeded: false }
            ? View(nameof(Confirm), (await page.HandleAsync(draftId, outcome, [], cancellationToken))!)
            : this.Answer(outcome, () => RedirectToAction(nameof(Confirm), new { draftId }));
    }
}
