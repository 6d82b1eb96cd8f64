using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.Extensions.Options;
using Stripe;

namespace MicroSpa.Web.Features.Booking;

/// <summary>
/// Stripe as the deposit step uses it. Stripe.net's client exists only where the clinic takes online payments, so it is
/// resolved here when a step needs it (a hold exists only then), never when a handler is made: a booking with online
/// payments off never touches it.
/// </summary>
public sealed class BookingStripe(IOptions<StripeOptions> options, IServiceProvider services)
{
    public bool On => options.Value.TakesOnlinePayments;

    public IStripeClient Client => services.GetRequiredService<IStripeClient>();

    public PaymentCustomers Customers => services.GetRequiredService<PaymentCustomers>();

    /// <summary>Stripe did not answer, or answered with an error: what a call to it may throw besides a cancelled request.</summary>
    public static bool Unreachable(Exception e) => e is StripeException or HttpRequestException or TaskCanceledException or TimeoutException;
}
