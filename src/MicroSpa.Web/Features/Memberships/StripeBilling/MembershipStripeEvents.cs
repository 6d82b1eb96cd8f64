using MicroSpa.Web.Infrastructure.Payments;
using Stripe;

namespace MicroSpa.Web.Features.Memberships.StripeBilling;

/// <summary>
/// Stripe's news of a membership's subscription, each acted on in the webhook's transaction (decision 038): a paid invoice
/// pays its period (benefits granted), a failed one leaves the period past due (benefits paused, the client emailed with
/// the next attempt), a new period's invoice voids any older one still open (so recovery charges only the current month),
/// a subscription ended ends the membership. The membership is named by the subscription's metadata
/// (<see cref="StartStripeSubscription.MembershipKey"/>); events of anything else are not ours and are left alone.
/// </summary>
public static class MembershipStripeEvents
{
    public static Guid? MembershipOf(IDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(StartStripeSubscription.MembershipKey, out var text) && Guid.TryParse(text, out var id) ? id : null;

    public static Guid? MembershipOf(Invoice invoice) => MembershipOf(invoice.Parent?.SubscriptionDetails?.Metadata);

    /// <summary>The start of the service period the invoice is for (its line's period; Stripe's invoice.period_start is the period before).</summary>
    public static DateTimeOffset PeriodOf(Invoice invoice) =>
        new(DateTime.SpecifyKind(invoice.Lines?.Data?.FirstOrDefault()?.Period?.Start ?? invoice.PeriodStart, DateTimeKind.Utc));

    /// <summary>invoice.paid: the period paid, its benefits granted, once however often it is told.</summary>
    public sealed class OnInvoicePaid(IServiceProvider services) : IStripeEventAction
    {
        public IReadOnlyCollection<string> Types { get; } = ["invoice.paid"];

        public async Task ActAsync(Event stripeEvent, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(stripeEvent);
            if (stripeEvent.Data.Object is Invoice invoice && MembershipOf(invoice) is { } membershipId)
            {
                await services.GetRequiredService<RecordSubscriptionPayment>().PaidAsync(membershipId, invoice.Id, cancellationToken);
            }
        }
    }

    /// <summary>invoice.payment_failed of a renewal: the period past due with the attempt and the next one (the first invoice's decline is told at joining).</summary>
    public sealed class OnInvoicePaymentFailed(IServiceProvider services) : IStripeEventAction
    {
        public IReadOnlyCollection<string> Types { get; } = ["invoice.payment_failed"];

        public async Task ActAsync(Event stripeEvent, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(stripeEvent);
            if (stripeEvent.Data.Object is Invoice { BillingReason: not "subscription_create" } invoice && MembershipOf(invoice) is { } membershipId)
            {
                var outcome = await services.GetRequiredService<MembershipBilling>().PaymentFailedAsync(
                    membershipId, PeriodOf(invoice), invoice.Id, (int)invoice.AttemptCount,
                    invoice.NextPaymentAttempt is { } next ? new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)) : null, cancellationToken);
                services.GetRequiredService<ILogger<OnInvoicePaymentFailed>>().LogInformation(
                    "Membership {MembershipId}: Stripe invoice {InvoiceId} attempt {Attempt} failed: {Status}", membershipId, invoice.Id, invoice.AttemptCount, outcome.Status);
            }
        }
    }

    /// <summary>invoice.finalized: a new period's invoice; any older one of the subscription still open is voided at Stripe.</summary>
    public sealed class OnInvoiceFinalized(IServiceProvider services) : IStripeEventAction
    {
        public IReadOnlyCollection<string> Types { get; } = ["invoice.finalized"];

        public async Task ActAsync(Event stripeEvent, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(stripeEvent);
            if (stripeEvent.Data.Object is Invoice invoice && MembershipOf(invoice) is not null)
            {
                await services.GetRequiredService<VoidOlderInvoices>().HandleAsync(invoice, cancellationToken);
            }
        }
    }

    /// <summary>customer.subscription.deleted: the membership ends (canceled by the clinic, or by Stripe after the last retry).</summary>
    public sealed class OnSubscriptionDeleted(IServiceProvider services) : IStripeEventAction
    {
        public IReadOnlyCollection<string> Types { get; } = ["customer.subscription.deleted"];

        public async Task ActAsync(Event stripeEvent, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(stripeEvent);
            if (stripeEvent.Data.Object is Subscription subscription && MembershipOf(subscription.Metadata) is { } membershipId)
            {
                var ended = subscription.EndedAt ?? subscription.CanceledAt ?? stripeEvent.Created;
                await services.GetRequiredService<MembershipBilling>().SubscriptionEndedAsync(
                    membershipId, new DateTimeOffset(DateTime.SpecifyKind(ended, DateTimeKind.Utc)), cancellationToken);
            }
        }
    }
}
