using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Wallet;

namespace MicroSpa.Domain.Memberships;

/// <summary>How a membership's months are paid: by the desk at checkout, or by Stripe Billing's subscription.</summary>
public enum MembershipCollection
{
    Desk,
    Stripe,
}

/// <summary>What a plan is sold as (decision 061).</summary>
public sealed record MembershipTerms(
    string Name,
    Money MonthlyPrice,
    IReadOnlyList<Guid> ServiceIds,
    int SessionsPerMonth,
    decimal ServiceDiscountPercent,
    decimal RetailDiscountPercent,
    bool RollsOver,
    int PauseMonthsPerYear,
    int CancellationNoticeDays,
    MembershipCollection Collection);

/// <summary>
/// A monthly plan the clinic sells ("Glow club"): its price, the sessions each paid month gives (for the services it covers), the
/// member discount on services and on retail, whether a month's unused sessions roll over, how many months a member may pause in
/// twelve, the notice a cancellation needs and how it is collected. Its terms never change once a member joined on them: a
/// change is a new plan and the old one is retired (decision 061), so no member's price moves under them.
/// </summary>
public sealed class MembershipPlan
{
    public const int NameLength = 120;
    public const int MaxSessionsPerMonth = 10;
    public const int MaxServices = 20;
    public const int MaxNoticeDays = 90;

    /// <summary>A month's unused sessions, when the plan rolls them over, last this many months from the month's first day.</summary>
    public const int RolloverMonths = 12;

    private MembershipPlan()
    {
        Name = string.Empty;
        Currency = string.Empty;
        ServiceIds = [];
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public decimal MonthlyPrice { get; private set; }
    public string Currency { get; private set; }

    /// <summary>The services one of the month's sessions pays for (none when the plan gives only a discount).</summary>
    public Guid[] ServiceIds { get; private set; }

    public int SessionsPerMonth { get; private set; }
    public decimal ServiceDiscountPercent { get; private set; }
    public decimal RetailDiscountPercent { get; private set; }
    public bool RollsOver { get; private set; }
    public int PauseMonthsPerYear { get; private set; }
    public int CancellationNoticeDays { get; private set; }
    public MembershipCollection Collection { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool Retired => RetiredAt is not null;

    public static MembershipPlan Define(MembershipTerms terms, Guid byUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var name = terms.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > NameLength)
        {
            throw new DomainException($"Give the plan a name of 1 to {NameLength} characters.", nameof(Name));
        }

        var services = (terms.ServiceIds ?? []).Distinct().ToArray();
        if (terms.SessionsPerMonth is < 0 or > MaxSessionsPerMonth)
        {
            throw new DomainException($"A plan gives 0 to {MaxSessionsPerMonth} sessions a month.", nameof(SessionsPerMonth));
        }

        if (terms.SessionsPerMonth > 0 && services.Length is 0 or > MaxServices)
        {
            throw new DomainException($"Choose the services a month's session pays for (1 to {MaxServices}).", nameof(ServiceIds));
        }

        RequirePercent(terms.ServiceDiscountPercent, nameof(ServiceDiscountPercent));
        RequirePercent(terms.RetailDiscountPercent, nameof(RetailDiscountPercent));
        if (terms.SessionsPerMonth == 0 && terms.ServiceDiscountPercent == 0m && terms.RetailDiscountPercent == 0m)
        {
            throw new DomainException("A plan gives something: sessions each month, or a member discount.", nameof(SessionsPerMonth));
        }

        if (terms.PauseMonthsPerYear is < 0 or > 6)
        {
            throw new DomainException("A member may pause 0 to 6 months in twelve.", nameof(PauseMonthsPerYear));
        }

        if (terms.CancellationNoticeDays is < 0 or > MaxNoticeDays)
        {
            throw new DomainException($"The notice is 0 to {MaxNoticeDays} days.", nameof(CancellationNoticeDays));
        }

        if (!Enum.IsDefined(terms.Collection))
        {
            throw new DomainException("Choose how the months are collected.", nameof(Collection));
        }

        return new MembershipPlan
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            MonthlyPrice = Money.RequireAmount(terms.MonthlyPrice.Amount, nameof(MonthlyPrice)),
            Currency = terms.MonthlyPrice.Currency,
            ServiceIds = terms.SessionsPerMonth > 0 ? services : [],
            SessionsPerMonth = terms.SessionsPerMonth,
            ServiceDiscountPercent = terms.ServiceDiscountPercent,
            RetailDiscountPercent = terms.RetailDiscountPercent,
            RollsOver = terms.RollsOver,
            PauseMonthsPerYear = terms.PauseMonthsPerYear,
            CancellationNoticeDays = terms.CancellationNoticeDays,
            Collection = terms.Collection,
            CreatedBy = byUserId,
            CreatedAt = now.ToUniversalTime(),
        };
    }

    public void Retire(DateTimeOffset now) => RetiredAt ??= now.ToUniversalTime();

    /// <summary>
    /// The session credits a paid month gives, as a wallet lot's terms (decision 061): they last to the month's last day, or
    /// <see cref="RolloverMonths"/> months from its first day when the plan rolls them over; null when the plan gives no sessions.
    /// </summary>
    public CreditTerms? MonthCredits(MembershipPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (SessionsPerMonth == 0)
        {
            return null;
        }

        var last = RollsOver ? period.StartsOn.AddMonths(RolloverMonths).AddDays(-1) : period.EndsOn.AddDays(-1);
        return new CreditTerms($"{Name}, month of {period.StartsOn:yyyy-MM-dd}", ServiceIds, SessionsPerMonth, Currency, CreditSource.Membership, 0, last);
    }

    private static void RequirePercent(decimal value, string field)
    {
        if (value is < 0m or > 100m || decimal.Round(value, 2) != value)
        {
            throw new DomainException("A member discount is 0 to 100 %, with at most two decimals.", field);
        }
    }
}
