using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Stripe.Checkout;

namespace MicroSpa.Web.Features.Booking;

/// <summary>
/// Ends the holds of online bookings whose client did not pay in time (the browser closed on the hosted page, the
/// webhook never came). Each lapsed hold's page is expired at Stripe first, so no one can pay it afterwards; then the
/// session is settled as Stripe has it: paid at the last moment books it, otherwise the time is free again. When Stripe
/// does not answer, the hold is released all the same (a time is never held for ever) and a payment that still comes is
/// refunded by <see cref="SettlePayment"/>. Run by <see cref="HoldWorker"/>; the tests run it themselves.
/// </summary>
public static class ReleaseLapsedHolds
{
    public static readonly ChangedBy System = new(null, "System");

    public sealed class Handler(MicroSpaDbContext db, BookingStripe stripe, SettlePayment.Handler settle, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>How many holds ended (released or, paid at the last moment, booked).</returns>
        public async Task<int> HandleAsync(CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var lapsed = await db.Appointments.AsNoTracking()
                .Where(a => a.Status == AppointmentStatus.Held && a.HeldUntil <= now)
                .OrderBy(a => a.HeldUntil).Select(a => a.Id).Take(100).ToListAsync(cancellationToken);
            var ended = 0;
            foreach (var appointmentId in lapsed)
            {
                try
                {
                    db.ChangeTracker.Clear();
                    if (await EndAsync(appointmentId, cancellationToken) != SettlePayment.State.Waiting)
                    {
                        ended++;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // One hold that cannot be ended now (the database away) does not keep the others: the next round tries it again.
                    logger.LogWarning("The lapsed hold of appointment {AppointmentId} could not be ended: {Error}", appointmentId, e.GetType().Name);
                }
            }

            return ended;
        }

        private async Task<SettlePayment.State> EndAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            var pages = await db.OnlineCheckouts.AsNoTracking().Where(c => c.AppointmentId == appointmentId)
                .OrderBy(c => c.CreatedAt).Select(c => c.Id).ToListAsync(cancellationToken);
            if (pages.Count == 0 || !stripe.On)
            {
                return await settle.ReleaseAsync(appointmentId, "no payment page was opened before the hold ended", System, cancellationToken);
            }

            try
            {
                var sessions = new SessionService(stripe.Client);
                var state = SettlePayment.State.Waiting;
                foreach (var page in pages)
                {
                    try
                    {
                        await sessions.ExpireAsync(page, null, new RequestOptions { IdempotencyKey = $"microspa-hold-expire-{page}" }, cancellationToken);
                    }
                    catch (StripeException e) when (e.StripeError?.Type == "invalid_request_error")
                    {
                        // No longer open: paid at the last moment, or expired already. Settling reads which.
                    }

                    var settled = await settle.HandleAsync(page, cancellationToken);
                    if (settled is SettlePayment.State.Booked or SettlePayment.State.Refunded || state == SettlePayment.State.Waiting)
                    {
                        state = settled;
                    }
                }

                return state == SettlePayment.State.Waiting
                    ? await settle.ReleaseAsync(appointmentId, "the payment was not made before the hold ended", System, cancellationToken)
                    : state;
            }
            catch (Exception e) when (BookingStripe.Unreachable(e) && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Stripe did not answer for the lapsed hold of appointment {AppointmentId} ({Error}): released all the same", appointmentId, e.GetType().Name);
                return await settle.ReleaseAsync(appointmentId, "the payment was not confirmed before the hold ended", System, cancellationToken);
            }
        }
    }
}

/// <summary>Ends lapsed holds every minute (Booking:HoldPollSeconds) on every app instance; the row locks keep each hold's end single.</summary>
public sealed class HoldWorker(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<HoldWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromSeconds(configuration.GetValue("Booking:HoldPollSeconds", 60));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ReleaseLapsedHolds.Handler>().HandleAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Hold round failed: {Error}", ex.GetType().Name);
            }

            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
