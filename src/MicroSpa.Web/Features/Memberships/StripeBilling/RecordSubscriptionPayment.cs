using MicroSpa.Web.Infrastructure.Payments;
using Stripe;

namespace MicroSpa.Web.Features.Memberships.StripeBilling;

/// <summary>
/// A membership invoice paid at Stripe, put on the membership's period (<see cref="MembershipBilling.PaidOnlineAsync"/>:
/// the ledger invoice and its Card payment, the month's benefits, the client's email), read from Stripe as it is now: the
/// invoice with its payment intent, and the card it charged. Told twice (the join's answer and invoice.paid, a webhook
/// delivered again, two instances at once), the period is paid once.
/// </summary>
public sealed class RecordSubscriptionPayment(MembershipBilling billing, IStripeClient stripe, ILogger<RecordSubscriptionPayment> logger)
{
    public async Task<MembershipOutcome> PaidAsync(Guid membershipId, string invoiceId, CancellationToken cancellationToken)
    {
        var invoice = await new InvoiceService(stripe).GetAsync(invoiceId, new InvoiceGetOptions { Expand = ["payments.data.payment.payment_intent"] }, null, cancellationToken);
        if (invoice.Status != "paid")
        {
            return new MembershipOutcome(MembershipOutcomeStatus.Refused, "The invoice is not paid at Stripe.");
        }

        var intent = invoice.Payments?.Data?.Select(p => p.Payment?.PaymentIntent).FirstOrDefault(i => i?.Status == "succeeded");
        string? brand = null, lastFour = null;
        if (intent?.PaymentMethodId is { } methodId)
        {
            var method = await new PaymentMethodService(stripe).GetAsync(methodId, null, null, cancellationToken);
            (brand, lastFour) = (method.Card?.Brand, method.Card?.Last4);
        }

        var paid = StripeAmounts.FromMinor(invoice.AmountPaid, invoice.Currency);
        var outcome = await billing.PaidOnlineAsync(membershipId, MembershipStripeEvents.PeriodOf(invoice), paid.Amount, paid.Currency, invoice.Id,
            intent?.Id ?? invoice.Id, brand, lastFour, cancellationToken);
        if (outcome.Status == MembershipOutcomeStatus.Refused)
        {
            // Money Stripe took that no month takes (a month no longer owed, another price): for the Admin to refund at Stripe.
            logger.LogWarning("Membership {MembershipId}: Stripe invoice {InvoiceId} paid ({PaymentIntentId}) but not taken: {Reason}", membershipId, invoice.Id, intent?.Id, outcome.Message);
        }
        else
        {
            logger.LogInformation("Membership {MembershipId}: Stripe invoice {InvoiceId} paid: {Status}", membershipId, invoice.Id, outcome.Status);
        }
        return outcome;
    }
}
