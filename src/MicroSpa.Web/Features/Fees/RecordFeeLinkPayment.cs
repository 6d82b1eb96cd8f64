using System.Net;
using System.Security.Cryptography;
using System.Text;
using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Domain.Payments;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Email;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace MicroSpa.Web.Features.Fees;

/// <summary>
/// A fee Stripe took that MicroSpa learns of afterwards: paid through the emailed link (its checkout.session.completed
/// webhook, or the client's browser back on the return page), or charged by the desk when Stripe's answer was lost (its
/// payment_intent.succeeded webhook, with the fee invoice in the payment intent's metadata). Whichever comes first puts it
/// once on the ledger (its submission id is made from the pi_, and a payment whose pi_ is already on the invoice is not
/// taken again) and once in online_payments (one row per pi_), so any number of them, in any order, record it once. When
/// the ledger refuses it (the fee invoice voided, paid another way meanwhile, the day closed), the money goes back at once
/// through Stripe (<see cref="OnlineRefundReason.LedgerRefused"/>, once: the idempotency key is the pi_) and the client is
/// emailed: no money sits at the clinic unrecorded. Only a session MicroSpa opened for a fee, or a payment intent naming
/// one of its invoices, counts.
/// </summary>
public static class RecordFeeLinkPayment
{
    public const string PurposeKey = "microspa_purpose";
    public const string InvoiceKey = "microspa_invoice_id";

    public enum Result
    {
        Paid,
        NotPaid,

        /// <summary>Paid, but the ledger could not take it: refunded through Stripe.</summary>
        Refunded,

        /// <summary>Stripe could not be asked just now: whether it is paid is not known here (its webhook records it).</summary>
        Unknown,
    }

    public sealed record Answer(Result Result, decimal Amount, string Currency);

    public sealed class Handler(
        MicroSpaDbContext db, Ledger ledger, IStripeClient stripe, OutboxQueue outbox, IOptions<ClinicOptions> clinic, ClinicMoney money, TimeProvider clock,
        ILogger<Handler> logger)
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
            return await RecordIntentAsync(intent, invoiceId, session.Id, cancellationToken);
        }

        /// <summary>
        /// Records a succeeded payment intent for the fee invoice: on the ledger first (under the invoice's lock, so a desk's
        /// charge still waiting for Stripe's answer finishes first), then in online_payments; refunded when the ledger refuses.
        /// </summary>
        /// <returns>Null when the invoice is not MicroSpa's.</returns>
        public async Task<Answer?> RecordIntentAsync(PaymentIntent intent, Guid invoiceId, string? sessionId, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(intent);
            var invoice = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId)
                .Select(i => new { i.OpenedBy, i.ClientId, i.AppointmentId }).SingleOrDefaultAsync(cancellationToken);
            if (invoice is not { ClientId: { } clientId } || intent.Status != "succeeded" || intent.AmountReceived <= 0)
            {
                return null;
            }

            var charge = intent.LatestChargeId is { } chargeId ? await new ChargeService(stripe).GetAsync(chargeId, null, null, cancellationToken) : null;
            var card = charge?.PaymentMethodDetails?.Card;
            var paid = StripeAmounts.FromMinor(intent.AmountReceived, intent.Currency);

            // One unit (the webhook's, or its own for the return page), the invoice locked before online_payments is written: the
            // row's foreign key to the invoice waits on that lock, so two recorders taking them in the other order would deadlock.
            return await db.InTransactionAsync(
                token => RecordLockedAsync(intent, invoiceId, invoice.OpenedBy, clientId, invoice.AppointmentId, sessionId, charge, paid, token), null, cancellationToken);
        }

        private async Task<Answer> RecordLockedAsync(
            PaymentIntent intent, Guid invoiceId, Guid openedBy, Guid clientId, Guid? appointmentId, string? sessionId, Charge? charge, Domain.Billing.Money paid,
            CancellationToken cancellationToken)
        {
            var card = charge?.PaymentMethodDetails?.Card;
            var result = await ledger.RecordProviderCardAsync(invoiceId, new ProviderCharge(paid.Amount, intent.Id, card?.Brand, card?.Last4), SubmissionFor(intent.Id),
                new Data.Billing.Actor(openedBy, sessionId is null ? "Paid online (Stripe's notice)" : "Paid online (payment link)"), cancellationToken);
            var payment = new OnlinePayment(intent.Id, OnlinePurpose.Fee, clientId, appointmentId, invoiceId, paid, sessionId, charge?.Id,
                card?.Brand, card?.Last4, clock.GetUtcNow());

            // The webhook and the browser may both be here, or the desk's charge kept it: the payment intent's unique key keeps one.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO online_payments (id, payment_intent_id, purpose, client_id, appointment_id, invoice_id, amount, currency, checkout_session_id, charge_id, card_brand, card_last_four, received_at)
                VALUES ({payment.Id}, {payment.PaymentIntentId}, {payment.Purpose.ToString()}, {payment.ClientId}, {payment.AppointmentId}, {payment.InvoiceId}, {payment.Amount}, {payment.Currency},
                        {payment.CheckoutSessionId}, {payment.ChargeId}, {payment.CardBrand}, {payment.CardLastFour}, {payment.ReceivedAt})
                ON CONFLICT (payment_intent_id) DO NOTHING
                """, cancellationToken);
            if (result.Status is LedgerStatus.Done or LedgerStatus.AlreadyDone)
            {
                return new Answer(Result.Paid, paid.Amount, paid.Currency);
            }

            logger.LogWarning("Fee payment {PaymentIntentId} for invoice {InvoiceId} was refused by the ledger ({Status}): refunding it", intent.Id, invoiceId, result.Status);
            await GiveBackAsync(intent.Id, paid, clientId, cancellationToken);
            return new Answer(Result.Refunded, paid.Amount, paid.Currency);
        }

        /// <summary>The whole payment back through Stripe (once: the key is the pi_), kept, and the client told.</summary>
        private async Task GiveBackAsync(string paymentIntentId, Domain.Billing.Money paid, Guid clientId, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var refund = await new RefundService(stripe).CreateAsync(
                new RefundCreateOptions
                {
                    PaymentIntent = paymentIntentId,
                    Reason = "duplicate",
                    Metadata = new Dictionary<string, string> { [PurposeKey] = "fee-not-taken" },
                },
                new RequestOptions { IdempotencyKey = $"microspa-fee-not-taken-{paymentIntentId}" },
                cancellationToken);
            if (!await db.OnlineRefunds.AnyAsync(r => r.Id == refund.Id, cancellationToken))
            {
                db.OnlineRefunds.Add(new OnlineRefund(refund.Id, paymentIntentId, StripeAmounts.FromMinor(refund.Amount, refund.Currency), OnlineRefundReason.LedgerRefused, null, now));
            }

            var key = $"fee-refunded:{paymentIntentId}";
            var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.Email, c.FirstName }).SingleAsync(cancellationToken);
            if (client.Email is { Length: > 0 } to && !await db.Outbox.AnyAsync(o => o.Key == key, cancellationToken))
            {
                var name = clinic.Value.Name;
                var lines = new[]
                {
                    $"Your payment of {money.Format(paid)} reached us after the fee had been settled or cancelled, so we did not keep it.",
                    "It is on its way back to your card. Refunds take 5 to 10 business days to appear on your statement.",
                };
                var text = $"Hello {client.FirstName},\n\n{string.Join("\n\n", lines)}\n\nQuestions? Reply to this email or call us.\n\n{name}\n";
                var html = $"<p>Hello {WebUtility.HtmlEncode(client.FirstName)},</p>{string.Concat(lines.Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>"))}"
                           + $"<p>Questions? Reply to this email or call us.</p><p>{WebUtility.HtmlEncode(name)}</p>";
                outbox.Add(key, "fee-refunded", new EmailMessage(to, $"{name}: your payment is refunded", text, html));
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogWarning("Fee payment {PaymentIntentId} refunded as {RefundId}: the ledger could not take it", paymentIntentId, refund.Id);
        }

        /// <summary>The ledger submission id of a provider's payment: the same pi_ gives the same id, so it is taken once.</summary>
        public static Guid SubmissionFor(string paymentIntentId) =>
            new(SHA256.HashData(Encoding.UTF8.GetBytes($"microspa-fee-payment:{paymentIntentId}"))[..16]);
    }

    /// <summary>The fee invoice a payment intent's metadata names, when MicroSpa charged it for a fee.</summary>
    public static Guid? FeeInvoiceOf(IDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(PurposeKey, out var purpose) && purpose == "fee"
        && metadata.TryGetValue(InvoiceKey, out var invoice) && Guid.TryParse(invoice, out var id) ? id : null;

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
                && metadata.TryGetValue(PurposeKey, out var purpose) && purpose == "fee")
            {
                await services.GetRequiredService<Handler>().RecordAsync(session, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Stripe's payment_intent.succeeded for the desk's off-session charge of a fee: recorded in the webhook's transaction, so
    /// a charge whose answer the desk never got is on the ledger all the same (a link's payment, which has a Checkout
    /// Session, is left to <see cref="OnCheckoutCompleted"/>).
    /// </summary>
    public sealed class OnPaymentSucceeded(IServiceProvider services) : IStripeEventAction
    {
        public IReadOnlyCollection<string> Types { get; } = ["payment_intent.succeeded"];

        public async Task ActAsync(Event stripeEvent, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(stripeEvent);
            if (stripeEvent.Data.Object is PaymentIntent intent && FeeInvoiceOf(intent.Metadata) is { } invoiceId)
            {
                // A link's payment is its Checkout Session's to record (checkout.session.completed, with the session).
                var sessions = await new SessionService(services.GetRequiredService<IStripeClient>())
                    .ListAsync(new SessionListOptions { PaymentIntent = intent.Id, Limit = 1 }, null, cancellationToken);
                if (sessions.Data.Count == 0)
                {
                    await services.GetRequiredService<Handler>().RecordIntentAsync(intent, invoiceId, null, cancellationToken);
                }
            }
        }
    }
}
