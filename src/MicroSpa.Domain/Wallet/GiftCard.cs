namespace MicroSpa.Domain.Wallet;

public enum GiftCardEntryKind
{
    /// <summary>The sale was paid in full: the card holds its value.</summary>
    Issued,

    /// <summary>Part or all of the balance paid for a visit (beside a GiftCard tender on that invoice's ledger).</summary>
    Redeemed,

    /// <summary>Part or all of a redemption given back: its payment refunded, or its invoice voided.</summary>
    Returned,

    /// <summary>The sale was voided before the card was used: the card never held anything.</summary>
    Revoked,

    /// <summary>The balance left passed the card's last day (the clinic's setting; none by default).</summary>
    Expired,

    /// <summary>The balance left went back to the buyer as money.</summary>
    Refunded,
}

/// <summary>
/// A gift card sold (decision 048): which line sold it, the hash of its code and its last four, until when it lasts. Insert-only:
/// nothing on it changes; what it holds is a sum of its <see cref="GiftCardEntry"/> rows (<see cref="GiftCardBalance"/>).
/// No client column: the sale's invoice names the buyer.
/// </summary>
public sealed class GiftCard
{
    private GiftCard()
    {
        CodeHash = string.Empty;
        LastFour = string.Empty;
        Currency = string.Empty;
    }

    internal GiftCard(Guid saleLineId, Guid saleInvoiceId, string code, string currency, DateOnly issuedOn, DateOnly? expiresOn, Guid byUserId, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        SaleLineId = saleLineId;
        SaleInvoiceId = saleInvoiceId;
        CodeHash = GiftCardCode.Hash(code);
        LastFour = GiftCardCode.LastFour(code);
        Currency = currency;
        IssuedOn = issuedOn;
        ExpiresOn = expiresOn;
        IssuedBy = byUserId;
        IssuedAt = now.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    /// <summary>The gift card line sold (unique: one card per line).</summary>
    public Guid SaleLineId { get; private set; }

    public Guid SaleInvoiceId { get; private set; }

    /// <summary>SHA-256 of the code (<see cref="GiftCardCode.Hash"/>): the lookup key; the code itself is never stored.</summary>
    public string CodeHash { get; private set; }

    public string LastFour { get; private set; }
    public string Currency { get; private set; }
    public DateOnly IssuedOn { get; private set; }

    /// <summary>The last day it can be used; none when the clinic's gift cards do not expire (the default).</summary>
    public DateOnly? ExpiresOn { get; private set; }

    public Guid IssuedBy { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }

    /// <summary>"ending 7K3Q": how a card is named on a receipt or a page.</summary>
    public string Display => $"ending {LastFour}";

    /// <summary>
    /// The card of a gift card line paid in full, with a new code (answered once, with the card and its Issued entry): the code
    /// lasts <paramref name="expiryMonths"/> from <paramref name="today"/>, or for ever when the clinic sets none.
    /// </summary>
    public static (GiftCard Card, GiftCardEntry Issued, string Code) Issue(
        Guid saleLineId, Guid saleInvoiceId, decimal value, string currency, int? expiryMonths, DateOnly today, Guid byUserId, DateTimeOffset now)
    {
        var code = GiftCardCode.New();
        var card = new GiftCard(saleLineId, saleInvoiceId, code, currency, today, expiryMonths is { } months ? today.AddMonths(months) : null, byUserId, now);
        return (card, new GiftCardEntry(card.Id, GiftCardEntryKind.Issued, value, currency, saleInvoiceId, today, byUserId, now), code);
    }
}

/// <summary>
/// One line of a gift card's history. Insert-only like the ledger (a trigger and the grants refuse updates and deletes); the
/// balance is a sum of these, never a stored figure.
/// </summary>
public sealed class GiftCardEntry
{
    public const int ReasonLength = 200;

    private GiftCardEntry()
    {
        Currency = string.Empty;
    }

    internal GiftCardEntry(Guid giftCardId, GiftCardEntryKind kind, decimal amount, string currency, Guid invoiceId, DateOnly clinicDay, Guid byUserId, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        GiftCardId = giftCardId;
        Kind = kind;
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

    public Guid GiftCardId { get; private set; }
    public GiftCardEntryKind Kind { get; private set; }

    /// <summary>Positive; the kind gives the direction.</summary>
    public decimal Amount { get; private set; }

    public string Currency { get; private set; }

    /// <summary>The sale's invoice (Issued, Revoked, Expired, Refunded) or the visit's (Redeemed, Returned).</summary>
    public Guid InvoiceId { get; private set; }

    /// <summary>The GiftCard payment (Redeemed), the refund or void that gave it back (Returned, when there is one).</summary>
    public Guid? LedgerEntryId { get; private set; }

    /// <summary>A return: the redemption it gives back (part or all of it).</summary>
    public Guid? ReturnOfId { get; private set; }

    public DateOnly ClinicDay { get; private set; }
    public Guid ByUserId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? Reason { get; private set; }

    internal GiftCardEntry ForPayment(Guid? ledgerEntryId)
    {
        LedgerEntryId = ledgerEntryId;
        return this;
    }

    internal GiftCardEntry Returning(Guid redemptionId)
    {
        ReturnOfId = redemptionId;
        return this;
    }

    internal GiftCardEntry Because(string? reason)
    {
        var trimmed = reason?.Trim();
        Reason = string.IsNullOrEmpty(trimmed) ? null : trimmed[..Math.Min(trimmed.Length, ReasonLength)];
        return this;
    }
}
