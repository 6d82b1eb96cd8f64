namespace MicroSpa.Domain.Payments;

/// <summary>
/// A chargeback the client's bank opened on a payment taken online (Stripe's dispute, dp_…): a case for the Admin, who
/// answers it with the evidence packet. Kept once by its id; what became of it is what the provider announces next.
/// Insert-only.
/// </summary>
public sealed class PaymentDispute
{
    public const int ReasonLength = 64;

    private PaymentDispute()
    {
        Id = ChargeId = Currency = Reason = string.Empty;
    }

    public PaymentDispute(string disputeId, string chargeId, string? paymentIntentId, Guid? clientId, Guid? appointmentId, Billing.Money amount, string? reason, DateTimeOffset openedAt)
    {
        Id = ProviderIds.Require(disputeId, "dp_");
        ChargeId = ProviderIds.Require(chargeId, "ch_");
        PaymentIntentId = ProviderIds.Optional(paymentIntentId, "pi_");
        ClientId = clientId;
        AppointmentId = appointmentId;
        Amount = amount.Amount;
        Currency = amount.Currency;
        Reason = string.IsNullOrWhiteSpace(reason) ? "general" : reason.Length > ReasonLength ? reason[..ReasonLength] : reason;
        OpenedAt = openedAt.ToUniversalTime();
    }

    /// <summary>Stripe's dispute id (dp_…).</summary>
    public string Id { get; private set; }

    public string ChargeId { get; private set; }
    public string? PaymentIntentId { get; private set; }
    public Guid? ClientId { get; private set; }
    public Guid? AppointmentId { get; private set; }
    public decimal Amount { get; private set; }
    public string Currency { get; private set; }

    /// <summary>The bank's reason in Stripe's words (fraudulent, product_not_received, …).</summary>
    public string Reason { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public Billing.Money Money => new(Amount, Currency);
}
