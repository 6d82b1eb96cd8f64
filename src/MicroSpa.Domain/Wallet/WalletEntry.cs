namespace MicroSpa.Domain.Wallet;

public enum WalletEntryKind
{
    /// <summary>The package was paid in full: its sessions are the client's, until the expiry date.</summary>
    Issued,

    /// <summary>One credit paid for a visit's service (beside a PackageCredit tender on that invoice's ledger).</summary>
    Redeemed,

    /// <summary>A redemption given back: the visit's invoice was voided, or its credit payment refunded.</summary>
    Returned,

    /// <summary>The credits left were refunded in money by the Admin (paid price less the sessions used).</summary>
    Refunded,

    /// <summary>The sale itself was voided before any credit was used: the credits never were.</summary>
    Revoked,

    /// <summary>The credits left passed the package's last day (written once by the background expiry, decision 057).</summary>
    Expired,
}

/// <summary>
/// One line of a client's wallet (decision 047). Insert-only like the ledger (a trigger and the grants refuse updates and
/// deletes); a credit lot is one package line sold, and what is left of it is a sum of its entries, never a stored figure.
/// </summary>
public sealed class WalletEntry
{
    public const int ReasonLength = 200;

    private WalletEntry()
    {
        Currency = string.Empty;
    }

    internal WalletEntry(Guid lotId, WalletEntryKind kind, int sessions, decimal amount, string currency, Guid invoiceId, DateOnly clinicDay, Guid byUserId, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        LotId = lotId;
        Kind = kind;
        Sessions = sessions;
        Amount = amount;
        Currency = currency;
        InvoiceId = invoiceId;
        ClinicDay = clinicDay;
        ByUserId = byUserId;
        At = at.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    /// <summary>The order entries were written in (a PostgreSQL identity).</summary>
    public long Sequence { get; private set; }

    /// <summary>The package's invoice line the credits were bought on.</summary>
    public Guid LotId { get; private set; }

    public WalletEntryKind Kind { get; private set; }

    /// <summary>How many sessions the entry adds or takes (positive; the kind gives the direction).</summary>
    public int Sessions { get; private set; }

    /// <summary>
    /// Money: the paid price (Issued), what the credit paid for the visit (Redeemed, Returned), what went back to the
    /// client (Refunded); zero for Revoked.
    /// </summary>
    public decimal Amount { get; private set; }

    public string Currency { get; private set; }

    /// <summary>The last day the credits can be used (Issued only).</summary>
    public DateOnly? ExpiresOn { get; private set; }

    /// <summary>The sale's invoice (Issued, Refunded, Revoked) or the visit's (Redeemed, Returned).</summary>
    public Guid InvoiceId { get; private set; }

    /// <summary>A redemption: the service line it paid for.</summary>
    public Guid? InvoiceLineId { get; private set; }

    /// <summary>The ledger entry beside it: the PackageCredit payment (Redeemed), the money refund (Refunded).</summary>
    public Guid? LedgerEntryId { get; private set; }

    /// <summary>A return: the redemption it gives back (unique, so a credit comes back once).</summary>
    public Guid? ReturnOfId { get; private set; }

    public DateOnly ClinicDay { get; private set; }
    public Guid ByUserId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? Reason { get; private set; }

    internal WalletEntry Expiring(DateOnly expiresOn)
    {
        ExpiresOn = expiresOn;
        return this;
    }

    internal WalletEntry For(Guid? invoiceLineId, Guid? ledgerEntryId)
    {
        InvoiceLineId = invoiceLineId;
        LedgerEntryId = ledgerEntryId;
        return this;
    }

    internal WalletEntry Returning(Guid redemptionId)
    {
        ReturnOfId = redemptionId;
        return this;
    }

    internal WalletEntry Because(string? reason)
    {
        var trimmed = reason?.Trim();
        Reason = string.IsNullOrEmpty(trimmed) ? null : trimmed[..Math.Min(trimmed.Length, ReasonLength)];
        return this;
    }
}
