namespace MicroSpa.Domain.Billing;

/// <summary>What a line is taxed as: services and retail products have their own rates.</summary>
public enum TaxKind
{
    Services,
    Retail,
}

/// <summary>
/// The clinic's tax rate for one kind of line. Seeded at 0 % by the migration and set in clinic setup;
/// an invoice line keeps the rate it was added at, so a later change touches no invoice already made.
/// </summary>
public sealed class TaxClass
{
    public const decimal MaxRatePercent = 30m;

    private TaxClass()
    {
        Name = string.Empty;
    }

    public TaxClass(TaxKind kind, string name, decimal ratePercent)
    {
        Kind = kind;
        Name = string.Empty;
        Rename(name);
        SetRate(ratePercent);
    }

    public TaxKind Kind { get; private set; }
    public string Name { get; private set; }

    /// <summary>e.g. 8.875 for 8.875 %; up to three decimals.</summary>
    public decimal RatePercent { get; private set; }

    public void Rename(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > FieldLengths.ShortName)
        {
            throw new DomainException($"A tax class needs a name of 1 to {FieldLengths.ShortName} characters.", nameof(Name));
        }

        Name = trimmed;
    }

    public void SetRate(decimal ratePercent)
    {
        if (ratePercent < 0m || ratePercent > MaxRatePercent || decimal.Round(ratePercent, 3) != ratePercent)
        {
            throw new DomainException($"The tax rate is 0 to {MaxRatePercent} %, with at most three decimals.", nameof(RatePercent));
        }

        RatePercent = ratePercent;
    }
}
