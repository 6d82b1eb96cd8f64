namespace MicroSpa.Domain.Billing;

/// <summary>The clinic's money rules that are setup data (one row, seeded by the migration).</summary>
public sealed class BillingSettings
{
    public const int SingletonId = 1;

    private BillingSettings()
    {
    }

    public BillingSettings(decimal discountLimitPercent)
    {
        Id = SingletonId;
        SetDiscountLimit(discountLimitPercent);
    }

    public int Id { get; private set; }

    /// <summary>The largest discount, as a share of a line, the desk may give; above it only an Admin may.</summary>
    public decimal DiscountLimitPercent { get; private set; }

    /// <summary>
    /// Whether the front desk may refund (the Admin always may). Off by default: a refund sends money out, so the
    /// clinic grants it to the desk deliberately (the "Refund" policy reads it).
    /// </summary>
    public bool FrontDeskMayRefund { get; private set; }

    public void LetFrontDeskRefund(bool allowed) => FrontDeskMayRefund = allowed;

    /// <summary>The longest a gift card may be set to last, in months.</summary>
    public const int MaxGiftCardExpiryMonths = 240;

    /// <summary>
    /// How long a gift card sold from now lasts, in months; none (the default) means it never expires: many US states forbid
    /// a gift card to expire within five years of its sale, so the clinic sets this deliberately (decision 048).
    /// </summary>
    public int? GiftCardExpiryMonths { get; private set; }

    public void SetGiftCardExpiry(int? months)
    {
        if (months is < 1 or > MaxGiftCardExpiryMonths)
        {
            throw new DomainException($"A gift card lasts 1 to {MaxGiftCardExpiryMonths} months, or leave it empty for no expiry.", nameof(GiftCardExpiryMonths));
        }

        GiftCardExpiryMonths = months;
    }

    /// <summary>The highest a clinic may set its largest gift card to.</summary>
    public const decimal MaxGiftCardValueLimit = 50_000m;

    /// <summary>The smallest value a gift card is sold for, at the desk and online (decision 048; $5 by default).</summary>
    public decimal GiftCardMinValue { get; private set; } = Wallet.GiftCardCode.MinValue;

    /// <summary>The largest value a gift card is sold for ($5,000 by default).</summary>
    public decimal GiftCardMaxValue { get; private set; } = Wallet.GiftCardCode.MaxValue;

    public void SetGiftCardValues(decimal min, decimal max)
    {
        if (min < 1m || Money.Round(min) != min)
        {
            throw new DomainException("The smallest gift card is at least 1, in whole cents.", nameof(GiftCardMinValue));
        }

        if (max < min || max > MaxGiftCardValueLimit || Money.Round(max) != max)
        {
            throw new DomainException($"The largest gift card is from the smallest one to {MaxGiftCardValueLimit:0}, in whole cents.", nameof(GiftCardMaxValue));
        }

        (GiftCardMinValue, GiftCardMaxValue) = (min, max);
    }

    public void SetDiscountLimit(decimal percent)
    {
        if (percent is < 0m or > 100m || decimal.Round(percent, 2) != percent)
        {
            throw new DomainException("The discount limit is 0 to 100 %, with at most two decimals.", nameof(DiscountLimitPercent));
        }

        DiscountLimitPercent = percent;
    }

    // The payment rules of issue 18, stored as columns of this row (PaymentRules checks them).
    public bool WaiveDepositForCleanRecord { get; private set; }
    public int RecordMonths { get; private set; } = PaymentRules.Default.RecordMonths;
    public bool RequireAfterNoShow { get; private set; }
    public int LateCancellationsBeforeRequired { get; private set; }
    public Safeguard Safeguard { get; private set; } = PaymentRules.Default.Safeguard;
    public ChargeKind CancellationFeeKind { get; private set; }
    public decimal CancellationFeeValue { get; private set; }
    public ChargeKind NoShowFeeKind { get; private set; }
    public decimal NoShowFeeValue { get; private set; }

    /// <summary>The clinic's payment rules: deposit waiver and requirement, cancellation and no-show fees.</summary>
    public PaymentRules PaymentRules => new(WaiveDepositForCleanRecord, RecordMonths, RequireAfterNoShow, LateCancellationsBeforeRequired, Safeguard,
        Charge.Restore(CancellationFeeKind, CancellationFeeValue), Charge.Restore(NoShowFeeKind, NoShowFeeValue));

    public void SetPaymentRules(PaymentRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        WaiveDepositForCleanRecord = rules.WaiveForCleanRecord;
        RecordMonths = rules.RecordMonths;
        RequireAfterNoShow = rules.RequireAfterNoShow;
        LateCancellationsBeforeRequired = rules.LateCancellationsBeforeRequired;
        Safeguard = rules.Safeguard;
        (CancellationFeeKind, CancellationFeeValue) = (rules.CancellationFee.Kind, rules.CancellationFee.Value);
        (NoShowFeeKind, NoShowFeeValue) = (rules.NoShowFee.Kind, rules.NoShowFee.Value);
    }
}
