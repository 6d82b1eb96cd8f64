using MicroSpa.Data;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace MicroSpa.Web.Features.Memberships.StripeBilling;

/// <summary>
/// The member's card changed (after a decline, or a new card): the subscription charges the saved card chosen from now on,
/// and the current month's invoice, when still open, is paid with it at once. Older months were voided when the newer one
/// came (<see cref="VoidOlderInvoices"/>), so only the current month is charged; the payment is recorded by invoice.paid
/// (and here, once: <see cref="RecordSubscriptionPayment"/>).
/// </summary>
public sealed class ChangeMembershipCard(
    MicroSpaDbContext db, SavedCards cards, RecordSubscriptionPayment payments, IStripeClient stripe, ILogger<ChangeMembershipCard> logger)
{
    public async Task<MembershipOutcome> HandleAsync(Guid membershipId, string paymentMethodId, CancellationToken cancellationToken)
    {
        var membership = await db.Memberships.AsNoTracking().Where(m => m.Id == membershipId)
            .Select(m => new { m.ClientId, m.StripeSubscriptionId }).SingleOrDefaultAsync(cancellationToken);
        if (membership?.StripeSubscriptionId is not { } subscriptionId)
        {
            return new MembershipOutcome(MembershipOutcomeStatus.NotFound, "No membership collected by Stripe.");
        }

        try
        {
            if (!SavedCards.LooksLikePaymentMethod(paymentMethodId) || await cards.OneAsync(membership.ClientId, paymentMethodId, cancellationToken) is null)
            {
                return new MembershipOutcome(MembershipOutcomeStatus.Refused, "That card is no longer saved: choose another one.");
            }

            await new SubscriptionService(stripe).UpdateAsync(subscriptionId, new SubscriptionUpdateOptions { DefaultPaymentMethod = paymentMethodId }, null, cancellationToken);
            var open = await new InvoiceService(stripe).ListAsync(new InvoiceListOptions { Subscription = subscriptionId, Status = "open", Limit = 1 }, null, cancellationToken);
            if (open.Data.FirstOrDefault() is not { } current)
            {
                return new MembershipOutcome(MembershipOutcomeStatus.Done, null);
            }

            try
            {
                await new InvoiceService(stripe).PayAsync(current.Id, new InvoicePayOptions { PaymentMethod = paymentMethodId, OffSession = true },
                    new RequestOptions { IdempotencyKey = $"microspa-membership-pay-{current.Id}-{paymentMethodId}" }, cancellationToken);
            }
            catch (StripeException e) when (e.StripeError?.Type == "card_error")
            {
                logger.LogInformation("Membership {MembershipId}: the new card was declined for invoice {InvoiceId} ({Code})", membershipId, current.Id, e.StripeError.Code);
                return new MembershipOutcome(MembershipOutcomeStatus.Refused, "The card is saved for the next months, but this month's charge was declined: choose another card.");
            }

            return await payments.PaidAsync(membershipId, current.Id, cancellationToken);
        }
        catch (Exception e) when (StripeFailures.IsFailure(e, cancellationToken))
        {
            logger.LogWarning("Membership {MembershipId}: Stripe could not be reached to change the card: {Error}", membershipId, e.GetType().Name);
            return new MembershipOutcome(MembershipOutcomeStatus.Refused, StartStripeSubscription.Unreachable);
        }
    }
}
