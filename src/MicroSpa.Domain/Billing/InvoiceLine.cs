namespace MicroSpa.Domain.Billing;

public enum LineKind
{
    /// <summary>The service performed, at its price as booked.</summary>
    Service,

    /// <summary>Areas added to the booked service at the visit.</summary>
    Area,
    Retail,

    /// <summary>One provider's share of the client's tip (not taxed, not discounted).</summary>
    Tip,

    /// <summary>A no-show or late-cancellation fee from the clinic's policy: an invoice of its own, not taxed (no service was given).</summary>
    Fee,

    /// <summary>A prepaid series of sessions (decision 047): not taxed when sold, since each visit it pays for is taxed as it is given.</summary>
    Package,

    /// <summary>A gift card sold (decision 048): not taxed, since the visits it pays for are taxed as they are given; its value is the line's price.</summary>
    GiftCard,

    /// <summary>
    /// A month of a membership (decision 061): not taxed when sold, as a package is not; its line is the wallet lot of the month's
    /// sessions once paid.
    /// </summary>
    Membership,
}

public enum DiscountKind
{
    Fixed,
    Percent,
}

/// <summary>One line of an invoice. Fixed once the invoice is issued.</summary>
public sealed class InvoiceLine
{
    public const int MaxQuantity = 100;
    public const int DescriptionLength = 120;

    private InvoiceLine()
    {
        Description = string.Empty;
    }

    internal InvoiceLine(Guid invoiceId, LineKind kind, string description, decimal unitPrice, int quantity, Guid? providerId, TaxClass? tax)
    {
        Id = Guid.CreateVersion7();
        InvoiceId = invoiceId;
        Kind = kind;
        var trimmed = description?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > DescriptionLength)
        {
            throw new DomainException($"A line needs a description of 1 to {DescriptionLength} characters.", nameof(Description));
        }

        if (quantity is < 1 or > MaxQuantity)
        {
            throw new DomainException($"The quantity is 1 to {MaxQuantity}.", nameof(Quantity));
        }

        Description = trimmed;
        UnitPrice = Money.RequireAmount(unitPrice, nameof(UnitPrice), allowZero: kind != LineKind.Tip);
        Quantity = quantity;
        ProviderId = providerId;
        TaxKind = tax?.Kind;
        TaxRatePercent = tax?.RatePercent ?? 0m;
    }

    public Guid Id { get; private set; }
    public Guid InvoiceId { get; private set; }
    public LineKind Kind { get; private set; }
    public string Description { get; private set; }
    public decimal UnitPrice { get; private set; }
    public int Quantity { get; private set; }

    /// <summary>Whose work or sale this is (the day close totals by provider); none for a walk-in's retail.</summary>
    public Guid? ProviderId { get; private set; }

    public Guid? ServiceId { get; private set; }
    public Guid? RetailItemId { get; private set; }

    /// <summary>A package line: the version of the package sold (its terms never change under the client).</summary>
    public Guid? PackageVersionId { get; private set; }

    /// <summary>A membership line: the month it pays (decision 061).</summary>
    public Guid? MembershipPeriodId { get; private set; }

    /// <summary>Untaxed lines (tips) have none.</summary>
    public TaxKind? TaxKind { get; private set; }

    /// <summary>The rate when the line was added; a later change of the clinic's rate does not touch it.</summary>
    public decimal TaxRatePercent { get; private set; }

    public DiscountKind? DiscountKind { get; private set; }

    /// <summary>The amount (fixed) or the percent (percent) the desk entered.</summary>
    public decimal? DiscountValue { get; private set; }

    /// <summary>The discount in money, rounded once to the cent.</summary>
    public decimal DiscountAmount { get; private set; }

    public string? DiscountReason { get; private set; }

    public decimal Gross => UnitPrice * Quantity;
    public decimal Net => Gross - DiscountAmount;

    internal InvoiceLine ForService(Guid serviceId)
    {
        ServiceId = serviceId;
        return this;
    }

    internal InvoiceLine ForPackage(Guid packageVersionId)
    {
        PackageVersionId = packageVersionId;
        return this;
    }

    internal InvoiceLine ForMembershipPeriod(Guid periodId)
    {
        MembershipPeriodId = periodId;
        return this;
    }

    /// <summary>What the line comes to with its own tax (its net plus the tax at its rate, rounded once): what a package credit pays for it.</summary>
    public decimal WithTax => Net + Money.Round(Net * TaxRatePercent / 100m);

    internal InvoiceLine ForRetail(Guid retailItemId)
    {
        RetailItemId = retailItemId;
        return this;
    }

    internal void Discount(DiscountKind kind, decimal value, string reason, decimal limitPercent, bool mayExceedLimit)
    {
        if (Kind is LineKind.Tip or LineKind.Fee or LineKind.GiftCard or LineKind.Membership)
        {
            throw new DomainException(Kind switch
            {
                LineKind.Membership => "A membership's month is charged at the plan's price: choose another plan instead of discounting it.",
                LineKind.Tip => "A tip is not discounted.",
                LineKind.GiftCard => "A gift card is sold at its value: sell a card of a lower value instead of discounting it.",
                _ => "A fee is charged as the policy says: void it instead of discounting it.",
            }, nameof(DiscountValue));
        }

        var trimmed = reason?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > LedgerEntry.ReasonLength)
        {
            throw new DomainException($"Give the discount's reason (1 to {LedgerEntry.ReasonLength} characters).", nameof(DiscountReason));
        }

        decimal amount;
        if (kind == Billing.DiscountKind.Percent)
        {
            if (value is <= 0m or > 100m || decimal.Round(value, 2) != value)
            {
                throw new DomainException("A percent discount is above 0 and at most 100, with at most two decimals.", nameof(DiscountValue));
            }

            amount = Money.Round(Gross * value / 100m);
        }
        else
        {
            amount = Money.RequireAmount(value, nameof(DiscountValue));
            if (amount > Gross)
            {
                throw new DomainException($"The discount cannot be more than the line ({Gross:0.00}).", nameof(DiscountValue));
            }
        }

        var share = Gross == 0m ? 0m : amount * 100m / Gross;
        if (share > limitPercent && !mayExceedLimit)
        {
            throw new DomainException($"A discount above {limitPercent:0.##} % of the line needs an Admin.", nameof(DiscountValue));
        }

        DiscountKind = kind;
        DiscountValue = value;
        DiscountAmount = amount;
        DiscountReason = trimmed;
    }
}
