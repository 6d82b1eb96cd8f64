namespace MicroSpa.StripeStandIn;

/// <summary>
/// A test control (not Stripe's API): the network failing after Stripe did the work. While a path is set, every POST
/// under it is done as usual (and remembered under its idempotency key) but its connection is cut before the answer
/// goes back, as when Stripe times out or the connection drops mid-call; Stripe.net's own retries meet the same cut.
/// </summary>
public sealed class Faults
{
    private volatile string? _dropAnswersUnder;

    public void DropAnswers(string? pathPrefix) => _dropAnswersUnder = string.IsNullOrWhiteSpace(pathPrefix) ? null : pathPrefix;

    public bool DropsAnswer(HttpRequest request) =>
        _dropAnswersUnder is { } prefix && HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments(prefix, StringComparison.Ordinal);
}
