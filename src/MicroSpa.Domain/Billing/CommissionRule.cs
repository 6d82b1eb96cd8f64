namespace MicroSpa.Domain.Billing;

/// <summary>
/// What a provider earns on their sales from a day on (decision 058): a percent of the services they deliver, a percent
/// of the retail they sell, counted before or after the desk's discounts. Never changed: a new rate is a new rule from
/// a later (or the same) day, so the sales before it keep the rate they were made at and the history stays readable.
/// </summary>
public sealed class CommissionRule
{
    public const decimal MaxPercent = 100m;

    private CommissionRule()
    {
    }

    public CommissionRule(Guid providerId, DateOnly effectiveFrom, decimal servicesPercent, decimal retailPercent, bool afterDiscounts, Guid byUserId, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        ProviderId = providerId;
        EffectiveFrom = effectiveFrom;
        ServicesPercent = RequirePercent(servicesPercent, nameof(ServicesPercent));
        RetailPercent = RequirePercent(retailPercent, nameof(RetailPercent));
        AfterDiscounts = afterDiscounts;
        CreatedBy = byUserId;
        CreatedAt = now.ToUniversalTime();
    }

    public Guid Id { get; private set; }
    public Guid ProviderId { get; private set; }

    /// <summary>The first clinic day whose sales this rule counts (a sale's day is its invoice's issue day).</summary>
    public DateOnly EffectiveFrom { get; private set; }

    public decimal ServicesPercent { get; private set; }
    public decimal RetailPercent { get; private set; }

    /// <summary>Whether the percent is of a line after its discount (true) or of its list price (false).</summary>
    public bool AfterDiscounts { get; private set; }

    public Guid CreatedBy { get; private set; }

    /// <summary>When it was written: of two rules from the same day, the later one counts.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>0 to 100, at most two decimals.</summary>
    public static decimal RequirePercent(decimal percent, string field)
    {
        if (percent is < 0m or > MaxPercent || decimal.Round(percent, 2) != percent)
        {
            throw new DomainException("A commission is 0 to 100 %, with at most two decimals.", field);
        }

        return percent;
    }
}
