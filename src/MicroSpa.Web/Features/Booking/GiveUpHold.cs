using MicroSpa.Data;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Stripe.Checkout;

namespace MicroSpa.Web.Features.Booking;

/// <summary>
/// The client gives a held time up before paying: the hold is released at once and its hosted page expired at Stripe
/// (if Stripe does not answer, the page ends with the hold anyway, and a payment made on it meanwhile is refunded).
/// </summary>
public static class GiveUpHold
{
    public sealed class Handler(MicroSpaDbContext db, CurrentClient currentClient, SettlePayment.Handler settle, BookingStripe stripe, Actor actor, ILogger<Handler> logger)
    {
        /// <returns>False when the appointment is not the signed-in client's held one.</returns>
        public async Task<bool> HandleAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.RequiredIdAsync(cancellationToken);
            if (!await db.Appointments.AnyAsync(a => a.Id == appointmentId && a.ClientId == clientId && a.HeldUntil != null, cancellationToken))
            {
                return false;
            }

            if (await settle.ReleaseAsync(appointmentId, "the client gave the time up before paying", actor.ChangedBy, cancellationToken) != SettlePayment.State.Released
                || !stripe.On)
            {
                return true;
            }

            var pages = await db.OnlineCheckouts.AsNoTracking().Where(c => c.AppointmentId == appointmentId).Select(c => c.Id).ToListAsync(cancellationToken);
            foreach (var page in pages)
            {
                try
                {
                    try
                    {
                        await new SessionService(stripe.Client).ExpireAsync(page, null, new RequestOptions { IdempotencyKey = $"microspa-hold-expire-{page}" }, cancellationToken);
                    }
                    catch (StripeException e) when (e.StripeError?.Type == "invalid_request_error")
                    {
                        // Not open any more: paid a moment ago (refunded now: nothing is charged without a booking) or expired.
                        await settle.HandleAsync(page, cancellationToken);
                    }
                }
                catch (Exception e) when (BookingStripe.Unreachable(e) && !cancellationToken.IsCancellationRequested)
                {
                    logger.LogInformation("Payment page {SessionId} of released appointment {AppointmentId} not expired at Stripe: {Error}", page, appointmentId, e.GetType().Name);
                }
            }

            return true;
        }
    }
}
