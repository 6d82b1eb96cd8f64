using MicroSpa.Web.Infrastructure.Payments;
using Stripe;
using Stripe.Checkout;

namespace MicroSpa.Web.Features.Booking;

/// <summary>
/// Stripe's news of a held booking's hosted page: completed (paid, or the card saved) confirms the booking, expired
/// releases the hold, each through <see cref="SettlePayment"/>, which asks Stripe for the session as it is now, so an
/// event delivered twice, late, before the browser's return or out of order changes nothing more.
/// </summary>
public sealed class PaymentEvents(SettlePayment.Handler settle) : IStripeEventAction
{
    public IReadOnlyCollection<string> Types { get; } = [EventTypes.CheckoutSessionCompleted, EventTypes.CheckoutSessionExpired];

    public async Task ActAsync(Event stripeEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        if (stripeEvent.Data?.Object is Session { Id: { Length: > 0 } id })
        {
            await settle.HandleAsync(id, cancellationToken);
        }
    }
}
