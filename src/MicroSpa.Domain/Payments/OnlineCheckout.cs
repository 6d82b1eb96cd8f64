namespace MicroSpa.Domain.Payments;

/// <summary>What a hosted payment page MicroSpa opened at the provider is for.</summary>
public enum OnlinePurpose
{
    /// <summary>The deposit of an online booking (a Checkout Session in payment mode).</summary>
    Deposit,

    /// <summary>A card saved for later, nothing charged (a Checkout Session in setup mode).</summary>
    SaveCard,

    /// <summary>A no-show or late-cancellation fee, charged to the saved card or paid through a link.</summary>
    Fee,

    /// <summary>A prepaid series bought online with the booking of its first session (a Checkout Session in payment mode, issue 19).</summary>
    Series,

    /// <summary>A gift card bought online (decision 048): a visitor's has no client (decision 064).</summary>
    GiftCard,
}

/// <summary>
/// A hosted payment page (Stripe Checkout Session, cs_…) MicroSpa opened for a client: what it is for, the appointment
/// and amount, where it lives and until when. Insert-only: what became of it (paid, expired) is what the provider
/// announced (<see cref="PaymentEvent"/>) and the payments it brought (<see cref="OnlinePayment"/>).
/// </summary>
public sealed class OnlineCheckout
{
    public const int UrlLength = 2048;

    private OnlineCheckout()
    {
        Id = Url = Currency = string.Empty;
    }

    public OnlineCheckout(
        string sessionId, OnlinePurpose purpose, Guid clientId, Guid? appointmentId, Guid? invoiceId, Billing.Money? amount, string currency,
        string url, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        Id = ProviderIds.Require(sessionId, "cs_");
        Purpose = purpose;
        ClientId = clientId;
        AppointmentId = appointmentId;
        InvoiceId = invoiceId;
        Amount = amount?.Amount;
        Currency = Billing.Money.RequireCurrency(amount?.Currency ?? currency);
        if (string.IsNullOrWhiteSpace(url) || url.Length > UrlLength)
        {
            throw new DomainException("The payment page's address is missing or too long.");
        }

        Url = url;
        CreatedAt = createdAt.ToUniversalTime();
        ExpiresAt = expiresAt.ToUniversalTime();
    }

    /// <summary>Stripe's Checkout Session id (cs_…).</summary>
    public string Id { get; private set; }

    public OnlinePurpose Purpose { get; private set; }
    public Guid ClientId { get; private set; }
    public Guid? AppointmentId { get; private set; }

    /// <summary>A fee's invoice, when the page pays one.</summary>
    public Guid? InvoiceId { get; private set; }

    /// <summary>What the page asks for; none for a card saved.</summary>
    public decimal? Amount { get; private set; }

    public string Currency { get; private set; }

    /// <summary>The hosted page the client is sent to.</summary>
    public string Url { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
}
