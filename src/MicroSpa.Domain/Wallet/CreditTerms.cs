namespace MicroSpa.Domain.Wallet;

/// <summary>Where a lot of session credits came from: a package sold (decision 047), or a membership's month paid (decision 061).</summary>
public enum CreditSource
{
    Package,
    Membership,
}

/// <summary>
/// What a lot's credits are: their name, the services one credit pays for (any one of them, one session), how many, the currency,
/// and how long they last: <paramref name="ValidityMonths"/> from the day paid (a package), or to a fixed <paramref name="LastDay"/>
/// (a membership's month, decision 061). A membership's credits are never refunded as money: they end with their month.
/// </summary>
public sealed record CreditTerms(string Name, IReadOnlyList<Guid> ServiceIds, int Sessions, string Currency, CreditSource Source, int ValidityMonths, DateOnly? LastDay = null)
{
    public bool Covers(Guid serviceId) => ServiceIds.Contains(serviceId);

    /// <summary>The last day credits paid on <paramref name="paidOn"/> can be used.</summary>
    public DateOnly ExpiresOn(DateOnly paidOn) => LastDay ?? paidOn.AddMonths(ValidityMonths);

    public bool Refundable => Source == CreditSource.Package;
}
