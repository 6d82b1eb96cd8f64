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

    public void SetDiscountLimit(decimal percent)
    {
        if (percent is < 0m or > 100m || decimal.Round(percent, 2) != percent)
        {
            throw new DomainException("The discount limit is 0 to 100 %, with at most two decimals.", nameof(DiscountLimitPercent));
        }

        DiscountLimitPercent = percent;
    }
}
