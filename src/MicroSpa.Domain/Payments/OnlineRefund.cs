namespace MicroSpa.Domain.Payments;

/// <summary>Why money taken online went back.</summary>
public enum OnlineRefundReason
{
    /// <summary>The payment arrived after the booking's hold had lapsed: nothing is charged without a booking.</summary>
    HoldExpired,

    /// <summary>The client cancelled within the policy: the deposit goes back.</summary>
    CancelledInTime,

    /// <summary>The desk or the Admin gave it back.</summary>
    ByStaff,

    /// <summary>Refunded in the provider's dashboard: MicroSpa learnt it from the charge.refunded event.</summary>
    AtProvider,

    /// <summary>A fee paid online that the ledger could not take (its invoice voided or paid another way meanwhile): given back at once.</summary>
    LedgerRefused,
}

/// <summary>
/// A refund the provider made (Stripe's re_…) of an <see cref="OnlinePayment"/>, kept once by its id whether MicroSpa
/// asked for it or learnt it from a webhook. Insert-only.
/// </summary>
public sealed class OnlineRefund
{
    private OnlineRefund()
    {
        Id = PaymentIntentId = Currency = string.Empty;
    }

    public OnlineRefund(string refundId, string paymentIntentId, Billing.Money amount, OnlineRefundReason reason, Guid? byUserId, DateTimeOffset at)
    {
        if (amount.Amount <= 0m)
        {
            throw new DomainException("A refund is more than nothing.");
        }

        Id = ProviderIds.Require(refundId, "re_");
        PaymentIntentId = ProviderIds.Require(paymentIntentId, "pi_");
        Amount = amount.Amount;
        Currency = amount.Currency;
        Reason = reason;
        ByUserId = byUserId;
        At = at.ToUniversalTime();
    }

    /// <summary>Stripe's refund id (re_…).</summary>
    public string Id { get; private set; }

    public string PaymentIntentId { get; private set; }
    public decimal Amount { get; private set; }
    public string Currency { get; private set; }
    public OnlineRefundReason Reason { get; private set; }
    public Guid? ByUserId { get; private set; }
    public DateTimeOffset At { get; private set; }

    public Billing.Money Money => new(Amount, Currency);
}
