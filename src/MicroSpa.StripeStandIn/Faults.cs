namespace MicroSpa.StripeStandIn;

/// <summary>
/// A test control (not Stripe's API): the network failing after Stripe did the work. While a path is set, every POST
/// under it is done as usual (and remembered under its idempotency key) but its connection is cut before the answer
/// goes back, as when Stripe times out or the connection drops mid-call; Stripe.net's own retries meet the same cut.
/// A path can also be made unavailable: every request under it (reads too) gets Stripe's 500 api_error, as during an
/// outage, with Stripe-Should-Retry: false so the client gives up at once.
/// </summary>
public sealed class Faults
{
    private volatile string? _dropAnswersUnder;

    private volatile string? _unavailableUnder;

    public void DropAnswers(string? pathPrefix) => _dropAnswersUnder = string.IsNullOrWhiteSpace(pathPrefix) ? null : pathPrefix;

    public void MakeUnavailable(string? pathPrefix) => _unavailableUnder = string.IsNullOrWhiteSpace(pathPrefix) ? null : pathPrefix;

    public bool IsUnavailable(HttpRequest request) =>
        _unavailableUnder is { } prefix && request.Path.StartsWithSegments(prefix, StringComparison.Ordinal);

    public bool DropsAnswer(HttpRequest request) =>
        _dropAnswersUnder is { } prefix && HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments(prefix, StringComparison.Ordinal);
}
