
namespace MicroSpa.Domain.Wallet;

/// <summary>
/// The credits one package sale gave a client, read from the package's invoice line and the lot's wallet entries: how many
/// were bought, used, given back, refunded; what is left and until when. Every figure is a sum of entries (decision 032).
/// The methods write the next entry and refuse what the wallet forbids.
/// </summary>
public sealed class CreditLot
{
    private readonly List<WalletEntry> _entries;

    public CreditLot(Guid lotId, Guid saleInvoiceId, Guid? clientId, PackageVersion version, decimal paid, IEnumerable<WalletEntry> entries)
        : this(lotId, saleInvoiceId, clientId, (version ?? throw new ArgumentNullException(nameof(version))).CreditTerms, paid, entries)
    {
    }

    public CreditLot(Guid lotId, Guid saleInvoiceId, Guid? clientId, CreditTerms terms, decimal paid, IEnumerable<WalletEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(entries);
        LotId = lotId;
        SaleInvoiceId = saleInvoiceId;
        ClientId = clientId;
        Version = terms;
        Paid = paid;
        _entries = [.. entries.Where(e => e.LotId == lotId).OrderBy(e => e.Sequence)];
    }

    public Guid LotId { get; }
    public Guid SaleInvoiceId { get; }
    public Guid? ClientId { get; }
    /// <summary>What the credits are (a package version's terms, or a membership month's).</summary>
    public CreditTerms Version { get; }

    /// <summary>What the package line came to after its discount: the price the client paid for these credits.</summary>
    public decimal Paid { get; }

    public IReadOnlyList<WalletEntry> Entries => _entries.AsReadOnly();

    public bool Issued => _entries.Any(e => e.Kind == WalletEntryKind.Issued);
    public int Bought => Sum(WalletEntryKind.Issued);
    public int Used => Sum(WalletEntryKind.Redeemed) - Sum(WalletEntryKind.Returned);
    public int Left => Bought - Used - Sum(WalletEntryKind.Refunded) - Sum(WalletEntryKind.Revoked) - Sum(WalletEntryKind.Expired);
    public bool WasRefunded => _entries.Any(e => e.Kind == WalletEntryKind.Refunded);
    public DateOnly? ExpiresOn => _entries.FirstOrDefault(e => e.Kind == WalletEntryKind.Issued)?.ExpiresOn;

    /// <summary>What the sessions used paid for, each at the price of the visit it paid (the single-session price charged).</summary>
    public decimal UsedValue =>
        _entries.Where(e => e.Kind == WalletEntryKind.Redeemed).Sum(e => e.Amount) - _entries.Where(e => e.Kind == WalletEntryKind.Returned).Sum(e => e.Amount);

    /// <summary>The refund rule: the paid price less the sessions used at the single-session price, never below zero; nothing once none is left.</summary>
    public decimal RefundDue => Left > 0 ? Math.Max(0m, Paid - UsedValue) : 0m;

    public bool ExpiredOn(DateOnly day) => ExpiresOn is { } last && day > last;

    public bool UsableOn(DateOnly day) => Issued && Left > 0 && !ExpiredOn(day);

    /// <summary>The credits, once the sale is paid in full, lasting the version's months from <paramref name="paidOn"/>.</summary>
    public WalletEntry Issue(DateOnly paidOn, Guid byUserId, DateTimeOffset now)
    {
        if (Issued)
        {
            throw new InvalidOperationException("This package's credits were issued already.");
        }

        return Add(new WalletEntry(LotId, WalletEntryKind.Issued, Version.Sessions, Paid, Version.Currency, SaleInvoiceId, paidOn, byUserId, now)
            .Expiring(Version.ExpiresOn(paidOn)));
    }

    /// <summary>Refuses a credit that cannot pay for <paramref name="serviceId"/> of <paramref name="clientId"/> today, with the reason.</summary>
    public void RequireUsable(Guid? clientId, Guid? serviceId, DateOnly today)
    {
        if (clientId is null || clientId != ClientId)
        {
            throw new DomainException("That credit is another client's.", "LotId");
        }

        if (!Issued)
        {
            throw new DomainException($"{Version.Name} is not paid in full yet: its credits are not issued.", "LotId");
        }

        if (serviceId is not { } service || !Version.Covers(service))
        {
            throw new DomainException($"{Version.Name} does not cover this service.", "LotId");
        }

        if (ExpiredOn(today))
        {
            throw new DomainException($"The credits of {Version.Name} expired on {ExpiresOn:yyyy-MM-dd}.", "LotId");
        }

        if (Left <= 0)
        {
            throw new DomainException($"No credit of {Version.Name} is left (another desk may just have used the last one): nothing was taken.", "LotId");
        }
    }

    /// <summary>One credit paid <paramref name="amount"/> for a service line of a visit (the ledger's PackageCredit payment beside it).</summary>
    public WalletEntry Redeem(Guid invoiceId, Guid lineId, Guid? serviceId, Guid? clientId, decimal amount, Guid ledgerEntryId, DateOnly today, Guid byUserId, DateTimeOffset now)
    {
        RequireUsable(clientId, serviceId, today);
        return Add(new WalletEntry(LotId, WalletEntryKind.Redeemed, 1, amount, Version.Currency, invoiceId, today, byUserId, now).For(lineId, ledgerEntryId));
    }

    /// <summary>The redemptions of a visit's invoice not given back yet.</summary>
    public IEnumerable<WalletEntry> OpenRedemptions(Guid invoiceId) =>
        _entries.Where(e => e.Kind == WalletEntryKind.Redeemed && e.InvoiceId == invoiceId && _entries.All(r => r.ReturnOfId != e.Id)).ToList();

    /// <summary>A redemption given back (its invoice voided, its payment refunded): the credit is the client's again.</summary>
    public WalletEntry GiveBack(WalletEntry redemption, string reason, DateOnly today, Guid byUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(redemption);
        if (redemption.Kind != WalletEntryKind.Redeemed || redemption.LotId != LotId || _entries.Any(e => e.ReturnOfId == redemption.Id))
        {
            throw new InvalidOperationException("Only a redemption of this lot not given back yet is given back.");
        }

        return Add(new WalletEntry(LotId, WalletEntryKind.Returned, 1, redemption.Amount, Version.Currency, redemption.InvoiceId, today, byUserId, now)
            .For(redemption.InvoiceLineId, redemption.LedgerEntryId).Returning(redemption.Id).Because(reason));
    }

    /// <summary>The sale is voided: refused once a credit was used (refund the unused ones instead); the credits left are taken back.</summary>
    public WalletEntry? Revoke(string reason, DateOnly today, Guid byUserId, DateTimeOffset now)
    {
        if (Used > 0)
        {
            throw new DomainException($"A credit of {Version.Name} was used: the sale cannot be voided. The Admin refunds the credits left from the client's profile.");
        }

        return Issued && Left > 0
            ? Add(new WalletEntry(LotId, WalletEntryKind.Revoked, Left, 0m, Version.Currency, SaleInvoiceId, today, byUserId, now).Because(reason))
            : null;
    }

    /// <summary>
    /// Refuses a refund of the credits left when none is left (refunded, expired or used), when they expired, or when the rule now
    /// gives another amount than <paramref name="expected"/> (the figure the Admin was shown: a page out of date, or a tampered form).
    /// </summary>
    public void RequireRefundable(DateOnly today, decimal expected)
    {
        if (!Version.Refundable)
        {
            throw new DomainException($"{Version.Name} is a membership's month: its sessions are not refunded as money, they end with the month.", "LotId");
        }

        if (!Issued || Left <= 0)
        {
            throw new DomainException($"No credit of {Version.Name} is left to refund (another desk may just have refunded it): nothing was refunded.", "LotId");
        }

        if (ExpiredOn(today))
        {
            throw new DomainException($"The credits of {Version.Name} expired on {ExpiresOn:yyyy-MM-dd}: nothing is left to refund.", "LotId");
        }

        if (expected != RefundDue)
        {
            throw new DomainException($"By the rule the refund is now {RefundDue:0.00} {Version.Currency}, not {expected:0.00}: open the refund again and check it.", "Amount");
        }
    }

    /// <summary>The credits left go back as money by the rule (<see cref="RefundDue"/>); the refund's ledger entry beside it.</summary>
    public WalletEntry RefundUnused(Guid? ledgerEntryId, string reason, DateOnly today, Guid byUserId, DateTimeOffset now)
    {
        if (!Version.Refundable)
        {
            throw new DomainException($"{Version.Name} is a membership's month: its sessions are not refunded as money.", "LotId");
        }

        if (!Issued || Left <= 0)
        {
            throw new DomainException($"No credit of {Version.Name} is left to refund.", "LotId");
        }

        return Add(new WalletEntry(LotId, WalletEntryKind.Refunded, Left, RefundDue, Version.Currency, SaleInvoiceId, today, byUserId, now)
            .For(null, ledgerEntryId).Because(reason));
    }

    /// <summary>
    /// The credits left once the package's last day has passed: one Expired entry taking them (no money moves), written by the
    /// background expiry in the name of whoever issued them (the reason says the expiry did); null when nothing is to expire.
    /// </summary>
    public WalletEntry? Expire(DateOnly today, DateTimeOffset now)
    {
        if (!Issued || Left <= 0 || !ExpiredOn(today))
        {
            return null;
        }

        var issued = _entries.First(e => e.Kind == WalletEntryKind.Issued);
        return Add(new WalletEntry(LotId, WalletEntryKind.Expired, Left, 0m, Version.Currency, SaleInvoiceId, today, issued.ByUserId, now)
            .Because($"Past the last day, {ExpiresOn:yyyy-MM-dd}"));
    }

    private int Sum(WalletEntryKind kind) => _entries.Where(e => e.Kind == kind).Sum(e => e.Sessions);

    private WalletEntry Add(WalletEntry entry)
    {
        _entries.Add(entry);
        return entry;
    }
}
