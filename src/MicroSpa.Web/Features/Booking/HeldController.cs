using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MicroSpa.Web.Features.Booking;

/// <summary>
/// An online booking held for its deposit or card: the hold's page (held until when, pay, give the time up), the way
/// to the hosted payment page, and the return from it, which books the visit only when Stripe says it is paid.
/// </summary>
[Authorize(Policy = Policies.Client)]
[FormsToPaymentPage]
[Route("book/held/{appointmentId:guid}")]
public sealed class HeldController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(Guid appointmentId, [FromServices] HeldBooking.Handler query, CancellationToken cancellationToken) =>
        await query.HandleAsync(appointmentId, cancellationToken) switch
        {
            null => NotFound(),
            { Booked: true } => RedirectToAction("Details", "MyAppointments", new { id = appointmentId }),
            var held => View("Held", held),
        };

    [EnableRateLimiting(RateLimits.Booking)]
    [HttpPost("pay")]
    public async Task<IActionResult> Pay(Guid appointmentId, [FromServices] OpenPaymentPage.Handler handler, CancellationToken cancellationToken)
    {
        switch (await handler.HandleAsync(appointmentId, cancellationToken))
        {
            case null:
                return NotFound();
            case { Url: { } url }:
                return Redirect(url);
            case var refused:
                TempData[OutcomeAnswers.Problem] = refused.Problem;
                return RedirectToAction(nameof(Index), new { appointmentId });
        }
    }

    [HttpPost("release")]
    public async Task<IActionResult> Release(Guid appointmentId, [FromServices] GiveUpHold.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(appointmentId, cancellationToken) ? RedirectToAction(nameof(Index), new { appointmentId }) : NotFound();

    /// <summary>Stripe's success address: {CHECKOUT_SESSION_ID} filled in by Stripe (checked, never believed).</summary>
    [HttpGet("paid")]
    public async Task<IActionResult> Paid(
        Guid appointmentId, [FromQuery(Name = "session_id")] string? sessionId, [FromServices] ReturnFromPayment.Handler handler, CancellationToken cancellationToken)
    {
        switch (await handler.HandleAsync(appointmentId, sessionId, cancellationToken))
        {
            case null:
                return NotFound();
            case { State: SettlePayment.State.Booked }:
                return RedirectToAction("Details", "MyAppointments", new { id = appointmentId, booked = true });
            case var other:
                if (other.Problem is { } problem)
                {
                    TempData[OutcomeAnswers.Problem] = problem;
                }

                return RedirectToAction(nameof(Index), new { appointmentId });
        }
    }
}
