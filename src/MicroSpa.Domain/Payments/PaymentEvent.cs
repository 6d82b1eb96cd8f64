namespace MicroSpa.Domain.Payments;

/// <summary>
/// One event the payment provider sent (a Stripe webhook), kept by its id so that an event delivered twice, or late, is
/// taken once: the first delivery records it, later ones find it. What it announced is acted on from the record, in any
/// order of arrival.
/// </summary>
public sealed class PaymentEvent
{
    public const int IdLength = 255;
    public const int TypeLength = 100;

    private PaymentEvent()
    {
        Id = Type = Payload = string.Empty;
    }

    public PaymentEvent(string id, string type, string? objectId, DateTimeOffset createdAt, string payload, DateTimeOffset receivedAt)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > IdLength)
        {
            throw new DomainException("A payment event needs the provider's id.");
        }

        Id = id;
        Type = type.Length > TypeLength ? type[..TypeLength] : type;
        ObjectId = objectId is { Length: > IdLength } ? objectId[..IdLength] : objectId;
        CreatedAt = createdAt;
        Payload = payload;
        ReceivedAt = receivedAt;
    }

    /// <summary>The provider's event id (evt_…).</summary>
    public string Id { get; private set; }

    /// <summary>What happened, in the provider's words (checkout.session.completed, charge.refunded, …).</summary>
    public string Type { get; private set; }

    /// <summary>The id of the object it is about (the session, payment intent, charge or dispute).</summary>
    public string? ObjectId { get; private set; }

    /// <summary>When the provider made the event (not when it arrived: events come late and out of order).</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The event as it was signed, for acting on it again after a failure.</summary>
    public string Payload { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }
}
