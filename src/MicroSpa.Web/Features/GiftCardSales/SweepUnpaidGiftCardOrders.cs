using MicroSpa.Data;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace MicroSpa.Web.Features.GiftCardSales;

/// <summary>
/// Gift card orders never paid (decision 064): an order keeps the buyer's and the recipient's names, addresses and message, and
/// any visitor can place one. A day after it was placed (its hosted page lasted an hour), an order with no card is deleted,
/// nothing referencing it: first Stripe is asked for its page, and a page still open is expired there, so nobody pays for an
/// order that is gone; a page Stripe says was paid but that no webhook recorded is recorded now; when Stripe does not answer, the order waits for
/// the next round. The delete re-reads under the row's lock that no card was issued meanwhile, so any number of instances
/// delete it once.
/// </summary>
public static class SweepUnpaidGiftCardOrders
{
    /// <summary>How long an unpaid order is kept: well past its page's hour (Stripe's page lasts at most 24 hours).</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    /// <summary>Orders looked at per round, oldest first.</summary>
    public const int PerRound = 200;

    public sealed class Handler(MicroSpaDbContext db, IOptions<StripeOptions> stripe, IServiceProvider services, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>How many orders were deleted.</returns>
        public async Task<int> RunAsync(CancellationToken cancellationToken)
        {
            var cutoff = clock.GetUtcNow() - KeptFor;
            var stale = await db.GiftCardOrders.AsNoTracking().Where(o => o.GiftCardId == null && o.CreatedAt < cutoff)
                .OrderBy(o => o.CreatedAt).Select(o => new { o.Id, o.CheckoutSessionId }).Take(PerRound).ToListAsync(cancellationToken);
            var client = stale.Count > 0 && stripe.Value.TakesOnlinePayments ? services.GetRequiredService<IStripeClient>() : null;
            var deleted = 0;
            foreach (var order in stale)
            {
                if (order.CheckoutSessionId is { } sessionId && client is not null && !await ClosedAtStripeAsync(client, order.Id, sessionId, cancellationToken))
                {
                    continue;
                }

                deleted += await db.Database.ExecuteSqlAsync(
                    $"DELETE FROM gift_card_orders WHERE id = {order.Id} AND gift_card_id IS NULL AND invoice_id IS NULL", cancellationToken);
            }

            if (deleted > 0)
            {
                logger.LogInformation("Gift card round: {Deleted} orders never paid were deleted with their names and addresses", deleted);
            }

            return deleted;
        }

        private async Task RecordAsync(Guid orderId, string sessionId, CancellationToken cancellationToken)
        {
            try
            {
                var result = await services.GetRequiredService<RecordGiftCardPayment.Handler>().RecordAsync(sessionId, cancellationToken);
                logger.LogWarning("Gift card order {OrderId} was paid at Stripe with no webhook recorded in a day: recorded by the round ({Result})", orderId, result);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                db.ChangeTracker.Clear();
                logger.LogWarning("Gift card order {OrderId} is paid at Stripe but could not be recorded ({Error}); tried again next round", orderId, e.GetType().Name);
            }
        }

        /// <summary>True when the order's page can no longer be paid (expired at Stripe, now or before); false when it was paid or Stripe did not answer.</summary>
        private async Task<bool> ClosedAtStripeAsync(IStripeClient client, Guid orderId, string sessionId, CancellationToken cancellationToken)
        {
            var sessions = new SessionService(client);
            try
            {
                var session = await sessions.GetAsync(sessionId, null, null, cancellationToken);
                if (session.Status == "open")
                {
                    session = await sessions.ExpireAsync(sessionId, null, new RequestOptions { IdempotencyKey = $"microspa-gift-card-expire-{orderId}" }, cancellationToken);
                }

                if (session.Status == "expired")
                {
                    return true;
                }

                if (session.Status == "complete")
                {
                    // Paid, and still no card a day later: its webhook never got through (the endpoint down, or refused while the
                    // clinic day was closed). Recorded from Stripe's own answer now, once (the order's lock, as the webhook does).
                    await RecordAsync(orderId, sessionId, cancellationToken);
                    return false;
                }

                logger.LogWarning("Gift card order {OrderId} has no card a day later but its page {SessionId} is {Status} at Stripe: kept", orderId, sessionId, session.Status);
                return false;
            }
            catch (StripeException e) when (e.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Stripe has no such page (another account's keys now): nobody can pay it.
                return true;
            }
            catch (Exception e) when (e is StripeException or HttpRequestException or TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Gift card order {OrderId}: Stripe did not answer about page {SessionId} ({Error}); tried again next round", orderId, sessionId, e.GetType().Name);
                return false;
            }
        }
    }
}
