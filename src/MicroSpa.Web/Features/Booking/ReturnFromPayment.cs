using MicroSpa.Data;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Booking;

/// <summary>
/// The client's browser back from the hosted page (the success address): the session it names must be one MicroSpa
/// opened for this client's appointment, and what became of it is asked of Stripe, never read from the address.
/// </summary>
public static class ReturnFromPayment
{
    public sealed record Result(SettlePayment.State State, string? Problem);

    public sealed class Handler(MicroSpaDbContext db, CurrentClient currentClient, SettlePayment.Handler settle, ILogger<Handler> logger)
    {
        /// <returns>Null when the session is not one of this client's appointment's pages.</returns>
        public async Task<Result?> HandleAsync(Guid appointmentId, string? sessionId, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.RequiredIdAsync(cancellationToken);
            if (string.IsNullOrEmpty(sessionId) || sessionId.Length > Domain.Payments.ProviderIds.Length
                || !await db.OnlineCheckouts.AnyAsync(c => c.Id == sessionId && c.AppointmentId == appointmentId && c.ClientId == clientId, cancellationToken))
            {
                return null;
            }

            try
            {
                return new Result(await settle.HandleAsync(sessionId, cancellationToken), null);
            }
            catch (Exception e) when (BookingStripe.Unreachable(e) && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("The return from payment page {SessionId} could not be checked with Stripe: {Error}", sessionId, e.GetType().Name);
                return new Result(SettlePayment.State.Waiting,
                    "We could not check your payment with the payment service just now. If you paid, your booking is confirmed by email within a few minutes; this page shows it too when you open it again.");
            }
        }
    }
}
