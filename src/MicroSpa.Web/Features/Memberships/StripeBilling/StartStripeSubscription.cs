using MicroSpa.Data;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace MicroSpa.Web.Features.Memberships.StripeBilling;

/// <summary>
/// Joining with a saved card: the membership's subscription at Stripe, on the plan's monthly price, charged to that card
/// now (the first month) and on each renewal. The plan's price at Stripe is found by its lookup key (plan, amount and
/// currency: a new price when the plan's price changes) or made. The subscription carries the membership's id in its
/// metadata, and its idempotency key is the membership and card, so a double tap or a retry after a lost answer makes one
/// subscription. A declined first charge makes none (error_if_incomplete): the client is told and may pick another card.
/// The first month is paid on the spot from Stripe's answer, and again harmlessly when invoice.paid arrives.
/// </summary>
public sealed class StartStripeSubscription(
    MicroSpaDbContext db, MembershipBilling billing, SavedCards cards, RecordSubscriptionPayment payments, IStripeClient stripe,
    ILogger<StartStripeSubscription> logger)
{
    /// <summary>The subscription's metadata key naming the membership.</summary>
    public const string MembershipKey = "microspa_membership_id";

    public const string Unreachable = "We cannot reach the card service just now: nothing was charged. Try again in a few minutes, or join at the desk.";

    public async Task<MembershipOutcome> HandleAsync(Guid membershipId, string paymentMethodId, CancellationToken cancellationToken)
    {
        var membership = await db.Memberships.AsNoTracking().Where(m => m.Id == membershipId)
            .Select(m => new { m.ClientId, m.PlanId, m.Collection, m.StripeSubscriptionId, m.MonthlyPrice, m.Currency }).SingleOrDefaultAsync(cancellationToken);
        if (membership is null)
        {
            return new MembershipOutcome(MembershipOutcomeStatus.NotFound, "No such membership.");
        }

        if (membership.Collection != Domain.Memberships.MembershipCollection.Stripe)
        {
            return new MembershipOutcome(MembershipOutcomeStatus.Refused, "This membership is collected at the desk.");
        }

        if (membership.StripeSubscriptionId is not null)
        {
            return new MembershipOutcome(MembershipOutcomeStatus.AlreadyDone, null);
        }

        var planName = await db.MembershipPlans.AsNoTracking().Where(p => p.Id == membership.PlanId).Select(p => p.Name).SingleAsync(cancellationToken);
        try
        {
            if (!SavedCards.LooksLikePaymentMethod(paymentMethodId) || await cards.OneAsync(membership.ClientId, paymentMethodId, cancellationToken) is null)
            {
                return new MembershipOutcome(MembershipOutcomeStatus.Refused, "That card is no longer saved: choose another one.");
            }

            var customer = (await cards.CustomerAsync(membership.ClientId, cancellationToken))!;
            var price = await PriceAsync(membership.PlanId, planName, new Money(membership.MonthlyPrice, membership.Currency), cancellationToken);
            Subscription subscription;
            try
            {
                subscription = await new SubscriptionService(stripe).CreateAsync(
                    new SubscriptionCreateOptions
                    {
                        Customer = customer,
                        Items = [new SubscriptionItemOptions { Price = price }],
                        DefaultPaymentMethod = paymentMethodId,
                        PaymentBehavior = "error_if_incomplete",
                        OffSession = true,
                        Metadata = new Dictionary<string, string> { [MembershipKey] = membershipId.ToString() },
                    },
                    new RequestOptions { IdempotencyKey = $"microspa-membership-{membershipId}-{paymentMethodId}" },
                    cancellationToken);
            }
            catch (StripeException e) when (e.StripeError?.Type == "card_error")
            {
                logger.LogInformation("Membership {MembershipId}: the first charge was declined ({Code})", membershipId, e.StripeError.Code);
                return new MembershipOutcome(MembershipOutcomeStatus.Refused, $"The card was declined ({e.StripeError.Code ?? "declined"}): nothing was charged. Choose another card.");
            }

            var attached = await billing.AttachStripeSubscriptionAsync(membershipId, customer, subscription.Id, cancellationToken);
            logger.LogInformation("Membership {MembershipId}: Stripe subscription {SubscriptionId} started: {Status}", membershipId, subscription.Id, attached.Status);
            if (attached.Status is not (MembershipOutcomeStatus.Done or MembershipOutcomeStatus.AlreadyDone))
            {
                return attached;
            }

            await payments.PaidAsync(membershipId, subscription.LatestInvoiceId, cancellationToken);
            return attached;
        }
        catch (Exception e) when (StripeFailures.IsFailure(e, cancellationToken))
        {
            logger.LogWarning("Membership {MembershipId}: Stripe could not be reached to start the subscription: {Error}", membershipId, e.GetType().Name);
            return new MembershipOutcome(MembershipOutcomeStatus.Refused, Unreachable);
        }
    }

    /// <summary>The plan's monthly price at Stripe: found by its lookup key, else made (with its product) under that key.</summary>
    private async Task<string> PriceAsync(Guid planId, string planName, Money monthly, CancellationToken cancellationToken)
    {
        var lookupKey = $"microspa-plan-{planId:N}-{StripeAmounts.ToMinor(monthly)}-{StripeAmounts.Currency(monthly)}";
        var prices = new PriceService(stripe);
        var found = await prices.ListAsync(new PriceListOptions { LookupKeys = [lookupKey], Active = true, Limit = 1 }, null, cancellationToken);
        if (found.Data.FirstOrDefault() is { } existing)
        {
            return existing.Id;
        }

        var made = await prices.CreateAsync(
            new PriceCreateOptions
            {
                Currency = StripeAmounts.Currency(monthly),
                UnitAmount = StripeAmounts.ToMinor(monthly),
                Recurring = new PriceRecurringOptions { Interval = "month" },
                LookupKey = lookupKey,
                ProductData = new PriceProductDataOptions { Name = planName, Metadata = new Dictionary<string, string> { ["microspa_plan_id"] = planId.ToString() } },
            },
            new RequestOptions { IdempotencyKey = $"microspa-price-{lookupKey}" },
            cancellationToken);
        return made.Id;
    }
}
