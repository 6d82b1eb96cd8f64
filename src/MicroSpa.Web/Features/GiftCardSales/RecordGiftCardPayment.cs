using System.Net;
using System.Security.Cryptography;
using System.Text;
using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Email;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace MicroSpa.Web.Features.GiftCardSales;

/// <summary>
/// Stripe's signed webhook says a gift card's hosted page was paid (decision 048): the session is asked of Stripe itself (never
/// read from the event's copy), then, under the order's row lock, the sale's invoice is made, issued and paid with the card
/// payment (its submission id made from the pi_), which issues the card; its code is sealed with Data Protection on the order
/// until the delivery round emails it, and the buyer gets the receipt. An order whose card exists changes nothing: a replayed
/// event, a second delivery to another instance, a later event of the same session issue nothing more. Only the webhook
/// issues a card: the browser's return page only reads.
/// </summary>
public static class RecordGiftCardPayment
{
    /// <summary>The Data Protection purpose sealing a code between the payment and the email.</summary>
    public const string SealPurpose = "MicroSpa.GiftCardCode.v1";

    public enum Result
    {
        NotOurs,
        NotPaid,
        Issued,
        AlreadyIssued,
    }

    /// <summary>The ledger's submission id of a gift card's payment: the same pi_ gives the same id, so it is taken once.</summary>
    public static Guid SubmissionFor(string paymentIntentId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"microspa-gift-card-payment:{paymentIntentId}"))[..16]);

    public sealed class Handler(
        MicroSpaDbContext db, Ledger ledger, IStripeClient stripe, IDataProtectionProvider protection, OutboxQueue outbox, IOptions<ClinicOptions> clinic,
        ClinicMoney money, ClinicTimeZone zone, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Result> RecordAsync(string sessionId, CancellationToken cancellationToken)
        {
            var orderId = await db.GiftCardOrders.AsNoTracking().Where(o => o.CheckoutSessionId == sessionId).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(cancellationToken);
            if (orderId is not { } id)
            {
                return Result.NotOurs;
            }

            var session = await new SessionService(stripe).GetAsync(sessionId, new SessionGetOptions { Expand = ["payment_intent"] }, null, cancellationToken);
            if (session.Metadata?.GetValueOrDefault(BuyGiftCard.OrderKey) != id.ToString())
            {
                logger.LogWarning("Checkout session {SessionId} does not name gift card order {OrderId}: left alone", sessionId, id);
                return Result.NotOurs;
            }

            if (session is not { Status: "complete", PaymentStatus: "paid", PaymentIntent: { Status: "succeeded" } intent })
            {
                return Result.NotPaid;
            }

            Guid? buyer = Guid.TryParse(session.Metadata.GetValueOrDefault(BuyGiftCard.BuyerKey), out var clientId) ? clientId : null;
            var charge = intent.LatestChargeId is { } chargeId ? await new ChargeService(stripe).GetAsync(chargeId, null, null, cancellationToken) : null;
            var paid = StripeAmounts.FromMinor(intent.AmountReceived, intent.Currency);

            // Refunded in Stripe's dashboard before this event reached MicroSpa (a delivery refused for a while): recorded with the sale.
            var refunds = charge is { AmountRefunded: > 0 }
                ? (await new RefundService(stripe).ListAsync(new RefundListOptions { PaymentIntent = intent.Id, Limit = 100 }, null, cancellationToken)).Data
                    .Where(r => r.Status is "succeeded" or "pending" && r.Amount > 0).OrderBy(r => r.Created).Select(r => (r.Id, StripeAmounts.FromMinor(r.Amount, r.Currency))).ToList()
                : [];
            var card = charge?.PaymentMethodDetails?.Card;
            return await db.InTransactionAsync(
                token => IssueAsync(id, buyer, new ProviderCharge(paid.Amount, intent.Id, card?.Brand, card?.Last4), paid, sessionId, charge?.Id, refunds, token),
                null,
                cancellationToken);
        }

        private async Task<Result> IssueAsync(
            Guid orderId, Guid? buyer, ProviderCharge charge, Domain.Billing.Money paid, string sessionId, string? chargeId, IReadOnlyList<(string, Domain.Billing.Money)> refunds,
            CancellationToken cancellationToken)
        {
            // Two deliveries at once (two instances): one at a time, each reading the order again under the lock.
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM gift_card_orders WHERE id = {orderId} FOR UPDATE", cancellationToken);
            var order = await db.GiftCardOrders.SingleAsync(o => o.Id == orderId, cancellationToken);
            await db.Entry(order).ReloadAsync(cancellationToken);
            if (order.GiftCardId is not null)
            {
                return Result.AlreadyIssued;
            }

            var now = clock.GetUtcNow();
            var user = await OnlineShopUser.EnsureAsync(db, now, cancellationToken);
            var settings = await db.BillingSettings.AsNoTracking().SingleAsync(cancellationToken);
            if (buyer is { } clientId && !await db.Clients.AnyAsync(c => c.Id == clientId, cancellationToken))
            {
                buyer = null;
            }

            // The range checked when the order was placed holds for its sale, whatever the Admin set since.
            var invoice = Domain.Billing.Invoice.WalkIn(buyer, order.Currency, user, now);
            invoice.AddGiftCard(order.Amount, settings.GiftCardMinValue <= order.Amount && order.Amount <= settings.GiftCardMaxValue ? settings : SettingsFor(order.Amount));
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync(cancellationToken);
            var actor = new Data.Billing.Actor(user, "Bought online (Stripe)");
            var issued = await ledger.IssueAsync(invoice.Id, actor, cancellationToken);
            var taken = issued.Status == LedgerStatus.Done
                ? await ledger.RecordProviderCardAsync(invoice.Id, charge, SubmissionFor(charge.PaymentId), actor, cancellationToken)
                : issued;
            if (taken is not { Status: LedgerStatus.Done, GiftCards: [var card] })
            {
                // The ledger refused it (the clinic day closed, a payment short of the value): nothing is kept, Stripe sends the
                // event again later (the next day is open).
                throw new InvalidOperationException($"Gift card order {orderId}: the ledger did not take the payment ({taken.Status}).");
            }

            order = await db.GiftCardOrders.SingleAsync(o => o.Id == orderId, cancellationToken);
            order.Paid(invoice.Id, card.GiftCardId, protection.CreateProtector(SealPurpose).Protect(card.Code), now);
            QueueReceipt(order, card, charge);

            // The provider's fact (decision 038), so a refund made in Stripe's dashboard is recorded (charge.refunded, decision 064).
            db.OnlinePayments.Add(new OnlinePayment(charge.PaymentId, OnlinePurpose.GiftCard, buyer, null, invoice.Id, paid, sessionId, chargeId,
                charge.CardBrand, charge.CardLastFour, now));
            await db.SaveChangesAsync(cancellationToken);
            if (refunds.Count > 0)
            {
                await ledger.RecordRefundsAtProviderAsync(charge.PaymentId, refunds, cancellationToken);
            }

            logger.LogInformation("Gift card order {OrderId} paid by {PaymentIntentId}: card {GiftCardId} issued on invoice {InvoiceId}", orderId, charge.PaymentId, card.GiftCardId, invoice.Id);
            return Result.Issued;
        }

        /// <summary>A range holding <paramref name="amount"/> (for an order placed before the Admin narrowed the clinic's range).</summary>
        private static BillingSettings SettingsFor(decimal amount)
        {
            var range = new BillingSettings(0m);
            range.SetGiftCardValues(Math.Min(amount, Domain.Wallet.GiftCardCode.MinValue), Math.Max(amount, Domain.Wallet.GiftCardCode.MaxValue));
            return range;
        }

        private void QueueReceipt(Domain.Wallet.GiftCardOrder order, IssuedGiftCard card, ProviderCharge charge)
        {
            var name = clinic.Value.Name;
            var when = order.SendOn <= zone.Today(clock.GetUtcNow())
                ? "today"
                : $"on {order.SendOn.ToString("D", money.Culture)}";
            var paidWith = charge.CardBrand is { Length: > 0 } brand && charge.CardLastFour is { } last4
                ? $" with {char.ToUpperInvariant(brand[0])}{brand[1..]} ending {last4}"
                : string.Empty;
            var lines = new[]
            {
                $"Thank you: your gift card of {money.Format(card.Value)} for {order.RecipientName} is paid{paidWith}.",
                $"We email it to {order.RecipientEmail} {when}. It is the gift card ending {card.Code[^4..]}.",
                card.ExpiresOn is { } last ? $"It can be used until {last.ToString("D", money.Culture)}." : "It does not expire.",
            };
            var text = $"Hello {order.BuyerName},\n\n{string.Join("\n\n", lines)}\n\n{name}\n";
            var html = $"<p>Hello {WebUtility.HtmlEncode(order.BuyerName)},</p>{string.Concat(lines.Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>"))}<p>{WebUtility.HtmlEncode(name)}</p>";
            outbox.Add($"gift-card-receipt:{order.Id}", "gift-card-receipt", new EmailMessage(order.BuyerEmail, $"{name}: your gift card receipt", text, html));
        }
    }

    /// <summary>
    /// Stripe's checkout.session.completed for a gift card's page, acted on in the webhook's transaction. The handler (which needs
    /// Stripe's client, made only with keys) is asked for only when a gift card's event comes.
    /// </summary>
    public sealed class OnCheckoutCompleted(IServiceProvider services) : IStripeEventAction
    {
        public IReadOnlyCollection<string> Types { get; } = [EventTypes.CheckoutSessionCompleted];

        public async Task ActAsync(Event stripeEvent, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(stripeEvent);
            if (stripeEvent.Data?.Object is Session { Id: { Length: > 0 } id, Metadata: { } metadata }
                && metadata.TryGetValue(BuyGiftCard.PurposeKey, out var purpose) && purpose == BuyGiftCard.Purpose)
            {
                await services.GetRequiredService<Handler>().RecordAsync(id, cancellationToken);
            }
        }
    }
}
