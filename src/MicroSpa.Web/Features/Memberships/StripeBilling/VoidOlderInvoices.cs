using Stripe;

namespace MicroSpa.Web.Features.Memberships.StripeBilling;

/// <summary>
/// When a new period's invoice is finalized while an older one of the subscription is still open (its retries not yet
/// over), the older one is voided at Stripe: only the current month is ever owed, so a card that recovers pays one month,
/// never the pile of missed ones (issue 19). Stripe itself would keep retrying both. The void's idempotency key is the
/// older invoice's, so two instances (or a delivery twice) void it once; one already voided or paid meanwhile is left.
/// </summary>
public sealed class VoidOlderInvoices(IStripeClient stripe, ILogger<VoidOlderInvoices> logger)
{
    public async Task HandleAsync(Invoice newest, CancellationToken cancellationToken)
    {
        if (newest.Parent?.SubscriptionDetails?.SubscriptionId is not { } subscriptionId)
        {
            return;
        }

        var service = new InvoiceService(stripe);
        var open = await service.ListAsync(new InvoiceListOptions { Subscription = subscriptionId, Status = "open", Limit = 100 }, null, cancellationToken);
        var period = MembershipStripeEvents.PeriodOf(newest);
        foreach (var older in open.Data.Where(i => i.Id != newest.Id && MembershipStripeEvents.PeriodOf(i) < period))
        {
            try
            {
                await service.VoidInvoiceAsync(older.Id, null, new RequestOptions { IdempotencyKey = $"microspa-membership-void-{older.Id}" }, cancellationToken);
                logger.LogInformation("Stripe invoice {InvoiceId} of subscription {SubscriptionId} voided: invoice {NewerId} is for a later period", older.Id, subscriptionId, newest.Id);
            }
            catch (StripeException e) when (e.StripeError?.Code == "invoice_not_editable")
            {
                // Paid or voided meanwhile (by a retry, or by another instance): nothing to void.
                logger.LogInformation("Stripe invoice {InvoiceId} was no longer open to void", older.Id);
            }
        }
    }
}
