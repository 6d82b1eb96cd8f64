using Stripe;

namespace MicroSpa.Web.Infrastructure.Payments;

/// <summary>What a call to Stripe throws when Stripe did not answer usefully: it is down, out of reach, slow, or erred.</summary>
public static class StripeFailures
{
    /// <summary>
    /// Stripe (or the network to it) failed: a Stripe error answer, a connection refused or reset, a timeout. A cancellation
    /// of the caller's own <paramref name="cancellationToken"/> is not one (the request ended; nothing to tell anyone).
    /// </summary>
    public static bool IsFailure(Exception e, CancellationToken cancellationToken) => e switch
    {
        StripeException or HttpRequestException or IOException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
