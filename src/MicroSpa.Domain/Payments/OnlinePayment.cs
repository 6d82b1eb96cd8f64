namespace MicroSpa.Domain.Payments;

/// <summary>
/// Money the provider took for the clinic (a succeeded PaymentIntent, pi_…): a deposit at booking, a fee, or a gift card bought online. One row per
/// payment intent (unique), so a webhook delivered twice and the browser's return after it record it once. Insert-only:
/// refunds are <see cref="OnlineRefund"/>s, a deposit used at checkout is a ledger entry with the Deposit tender.
/// </summary>
public sealed class OnlinePayment
{
    public const int CardBrandLength = 20;

    private OnlinePayment()
    {
        PaymentIntentId = Currency = string.Empty;
    }

    public OnlinePayment(
        string paymentIntentId, OnlinePurpose purpose, Guid? clientId, Guid? appointmentId, Guid? invoiceId, Billing.Money amount,
        string? checkoutSessionId, string? chargeId, string? cardBrand, string? cardLastFour, DateTimeOffset receivedAt)
    {
        if (purpose == OnlinePurpose.SaveCard)
        {
            throw new DomainException("Saving a card takes no money.");
        }

        if (clientId is null && purpose != OnlinePurpose.GiftCard)
        {
            throw new DomainException("A deposit or a fee is a client's.");
        }

        if (amount.Amount <= 0m)
        {
            throw new DomainException("A payment is more than nothing.");
        }

        Id = Guid.CreateVersion7();
        PaymentIntentId = ProviderIds.Require(paymentIntentId, "pi_");
        Purpose = purpose;
        ClientId = clientId;
        AppointmentId = appointmentId;
        InvoiceId = invoiceId;
        Amount = amount.Amount;
        Currency = amount.Currency;
        CheckoutSessionId = ProviderIds.Optional(checkoutSessionId, "cs_");
        ChargeId = ProviderIds.Optional(chargeId, "ch_");
        CardBrand = cardBrand is { Length: > CardBrandLength } ? cardBrand[..CardBrandLength] : cardBrand;
        CardLastFour = cardLastFour is { Length: 4 } && cardLastFour.All(char.IsAsciiDigit) ? cardLastFour : null;
        ReceivedAt = receivedAt.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    /// <summary>Stripe's PaymentIntent id (pi_…): unique.</summary>
    public string PaymentIntentId { get; private set; }

    public OnlinePurpose Purpose { get; private set; }
    /// <summary>The client who paid; none for a gift card a visitor bought (decision 064).</summary>
    public Guid? ClientId { get; private set; }
    public Guid? AppointmentId { get; private set; }

    /// <summary>The fee's invoice, for a fee.</summary>
    public Guid? InvoiceId { get; private set; }

    public decimal Amount { get; private set; }
    public string Currency { get; private set; }
    public string? CheckoutSessionId { get; private set; }
    public string? ChargeId { get; private set; }
    public string? CardBrand { get; private set; }
    public string? CardLastFour { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }

    public Billing.Money Money => new(Amount, Currency);
}
