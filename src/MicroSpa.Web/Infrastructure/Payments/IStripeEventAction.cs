using Stripe;

namespace MicroSpa.Web.Infrastructure.Payments;

/// <summary>
/// What one kind of Stripe event means for MicroSpa (a deposit confirms a booking, a dispute opens a case, …). The
/// webhook records an event once by its id and runs the actions for its type in the same transaction: an action that
/// fails rolls the record back and the webhook answers 503, so Stripe delivers the event again. Actions are
/// registered in DI (each feature adds its own) and must be safe to run in any order of events: they look up what
/// exists by the provider's ids and do nothing a second time.
/// </summary>
public interface IStripeEventAction
{
    /// <summary>The event types (checkout.session.completed, charge.refunded, …) this action acts on.</summary>
    IReadOnlyCollection<string> Types { get; }

    Task ActAsync(Event stripeEvent, CancellationToken cancellationToken);
}
