using System.Security.Cryptography;
using System.Text;
using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Domain.Payments;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Stripe.Checkout;

namespace MicroSpa.Web.Features.Fees;

/// <summary>
/// A fee paid through the emailed link: when Stripe says the session is paid (its checkout.session.completed webhook, or
/// the client's browser back on the return page, whichever comes first) the payment is kept once in online_payments (one
/// row per pi_) and once on the ledger (its submission id is made from the pi_), so the two arriving together, twice or
/// in any order record it once. Only a session MicroSpa opened for a fee counts.
/// </summary>
public static class RecordFeeLinkPayment
{
    public enum Result
    {
        Paid,
        NotPaid,
    }

    public sealed record Answer(Result Result, decimal Amount, string Currency);

    public sealed class Handler(MicroSpaDbContext db, Ledger ledger, IStripeClient stripe, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when the session is not a fee page MicroSpa opened.</returns>
        public async Task<Answer?> RecordAsync(Session session, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(session);
            var checkout = await db.OnlineCheckouts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == session.Id && c.Purpose == OnlinePurpose.Fee, cancellationToken);
            if (checkout is not { InvoiceId: { } invoiceId })
            {
                return null;
            }

            if (session.PaymentStatus != "paid" || session.PaymentIntentId is not { } intentId)
            {
                return new Answer(Result.NotPaid, checkout.Amount ?? 0m, checkout.Currency);
            }

            var intent = await new PaymentIntentService(stripe).GetAsync(intentId, null, null, cancellationToken);
            var charge = intent.LatestChargeId is { } chargeId ? await new ChargeService(stripe).GetAsync(chargeId, null, null, cancellationToken) : null;
            var card = charge?.PaymentMethodDetails?.Card;
            var paid = StripeAmounts.FromMinor(intent.AmountReceived, intent.Currency);
            var payment = new OnlinePayment(intent.Id, OnlinePurpose.Fee, checkout.ClientId, checkout.AppointmentId, invoiceId, paid, session.Id, charge?.Id,
                card?.Brand, card?.Last4, clock.GetUtcNow());
            // The webhook and the browser may both be here: the payment intent's unique key keeps one.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO online_payments (id, payment_intent_id, purpose, client_id, appointment_id, invoice_id, amount, currency, checkout_session_id, charge_id, card_brand, card_last_four, received_at)
                VALUES ({payment.Id}, {payment.PaymentIntentId}, {payment.Purpose.ToString()}, {payment.ClientId}, {payment.AppointmentId}, {payment.InvoiceId}, {payment.Amount}, {payment.Currency},
                        {payment.CheckoutSessionId}, {payment.ChargeId}, {payment.CardBrand}, {payment.CardLastFour}, {payment.ReceivedAt})
                ON CONFLICT (payment_intent_id) DO NOTHING
                """, cancellationToken);
            var openedBy = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => i.OpenedBy).SingleAsync(cancellationToken);
            var result = await ledger.RecordProviderCardAsync(invoiceId, new ProviderCharge(paid.Amount, intent.Id, card?.Brand, card?.Last4), SubmissionFor(intent.Id),
                new Data.Billing.Actor(openedBy, "Paid online (payment link)"), cancellationToken);
            if (result.Status is not (LedgerStatus.Done or LedgerStatus.AlreadyDone))
            {
                // Money arrived that the ledger could not take (paid at the desk meanwhile, the day closed): kept in
                // online_payments for the desk to refund or record; said in the log by ids only.
                logger.LogWarning("Fee payment {PaymentIntentId} for invoice {InvoiceId} was not put on the ledger: {Status} {Message}", intent.Id, invoiceId, result.Status, result.Message);
            }

            return new Answer(Result.Paid, paid.Amount, paid.Currency);
        }

        /// <summary>The ledger submission id of a provider's payment: the same pi_ gives the same id, so it is taken once.</summary>
        public static Guid SubmissionFor(string paymentIntentId) =>
            new(SHA256.HashData(Encoding.UTF8.GetBytes($"microspa-fee-payment:{paymentIntentId}"))[..16]);
    }

    /// <summary>
    /// Stripe's checkout.session.completed for a fee link: the payment recorded in the webhook's transaction. The handler
    /// (which needs Stripe's client, made only with keys) is asked for only when a fee's event comes.
    /// </summary>
    public sealed class OnCheckoutCompleted(IServiceProvider services) : IStripeEventAction
    {
        public IReadOnlyCollection<string> Types { get; } = ["checkout.session.completed"];

        public async Task ActAsync(Event stripeEvent, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(stripeEvent);
            if (stripeEvent.Data.Object is Session { Metadata: { } metadata } session
                && metadata.TryGetValue("microspa_purpose", out var purpose) && purpose == "fee")
            {
                await services.GetRequiredService<Handler>().RecordAsync(session, cancellationToken);
            }
        }
    }
}
