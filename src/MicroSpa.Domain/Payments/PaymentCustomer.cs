namespace MicroSpa.Domain.Payments;

/// <summary>
/// The client's customer at the payment provider (Stripe's cus_…), made the first time the client saves a card or pays
/// online, so every card and payment of one client sits under one customer. Never changes once made.
/// </summary>
public sealed class PaymentCustomer
{
    private PaymentCustomer()
    {
        CustomerId = string.Empty;
    }

    public PaymentCustomer(Guid clientId, string customerId, DateTimeOffset createdAt)
    {
        ClientId = clientId;
        CustomerId = ProviderIds.Require(customerId, "cus_");
        CreatedAt = createdAt.ToUniversalTime();
    }

    public Guid ClientId { get; private set; }

    /// <summary>Stripe's customer id (cus_…).</summary>
    public string CustomerId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}

/// <summary>The provider's ids (cus_…, cs_…, pi_…, re_…, dp_…): checked before they are kept.</summary>
public static class ProviderIds
{
    public const int Length = 255;

    public static string Require(string? id, string prefix)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > Length || !id.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new DomainException($"The payment provider's id should start with {prefix}.");
        }

        return id;
    }

    public static string? Optional(string? id, string prefix) => string.IsNullOrEmpty(id) ? null : Require(id, prefix);
}
