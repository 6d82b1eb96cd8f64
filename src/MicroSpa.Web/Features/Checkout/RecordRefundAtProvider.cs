using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Domain.Payments;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// charge.refunded: money went back at Stripe. Since API version 2022-11-15 the charge no longer lists its refunds, so
/// the payment intent's refunds are asked of Stripe and each one MicroSpa has not kept yet is recorded once by its re_
/// id (<see cref="OnlineRefundReason.AtProvider"/>: made in Stripe's dashboard) by the ledger
/// (<see cref="Ledger.RecordRefundsAtProviderAsync"/>): what it takes beyond a deposit still held (a deposit used on an
/// invoice, or a fee Stripe charged) is a ledger refund on the invoice that used it, so the client's balance never claims
/// money the clinic no longer holds. A refund MicroSpa made itself is already kept (its transaction held the payment
/// intent's lock until the row was written, so the ledger, which takes the same lock, finds it) and nothing changes.
/// Delivered twice or out of order, the same rows result.
/// </summary>
public sealed class RecordRefundAtProvider(MicroSpaDbContext db, Ledger ledger, IServiceProvider services, ILogger<RecordRefundAtProvider> logger)
    : IStripeEventAction
{
    public IReadOnlyCollection<string> Types { get; } = ["charge.refunded"];

    public async Task ActAsync(Event stripeEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        if (stripeEvent.Data?.Object is not Charge { PaymentIntentId: { Length: > 0 } intent }
            || !await db.OnlinePayments.AnyAsync(p => p.PaymentIntentId == intent, cancellationToken))
        {
            // Not a payment MicroSpa took (another product on the same Stripe account): nothing of ours changed.
            return;
        }

        var stripe = services.GetRequiredService<IStripeClient>();
        var refunds = await new RefundService(stripe).ListAsync(new RefundListOptions { PaymentIntent = intent, Limit = 100 }, null, cancellationToken);
        var written = await ledger.RecordRefundsAtProviderAsync(
            intent,
            [.. refunds.Data.Where(r => r.Status is "succeeded" or "pending" && r.Amount > 0).OrderBy(r => r.Created).Select(r => (r.Id, StripeAmounts.FromMinor(r.Amount, r.Currency)))],
            cancellationToken);
        foreach (var entry in written)
        {
            logger.LogInformation("A refund of {PaymentIntentId} made at Stripe put {Amount} back as due on invoice {InvoiceId}", intent, entry.Amount, entry.InvoiceId);
        }
    }
}
