namespace MicroSpa.Domain.Wallet;

/// <summary>
/// A gift card with its entries: its value, what was used and given back, what is left (a sum of entries, decision 032). The
/// methods write the next entry and refuse what the card forbids (decision 048).
/// </summary>
public sealed class GiftCardBalance
{
    private readonly List<GiftCardEntry> _entries;

    public GiftCardBalance(GiftCard card, IEnumerable<GiftCardEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(entries);
        Card = card;
        _entries = [.. entries.Where(e => e.GiftCardId == card.Id).OrderBy(e => e.Sequence)];
    }

    public GiftCard Card { get; }

    public IReadOnlyList<GiftCardEntry> Entries => _entries.AsReadOnly();

    public decimal Value => Sum(GiftCardEntryKind.Issued);
    public decimal Used => Sum(GiftCardEntryKind.Redeemed) - Sum(GiftCardEntryKind.Returned);

    /// <summary>Issued + returned − redeemed − revoked − expired − refunded.</summary>
    public decimal Left => Value - Used - Sum(GiftCardEntryKind.Revoked) - Sum(GiftCardEntryKind.Expired) - Sum(GiftCardEntryKind.Refunded);

    public bool Revoked => _entries.Any(e => e.Kind == GiftCardEntryKind.Revoked);

    public bool ExpiredOn(DateOnly day) => Card.ExpiresOn is { } last && day > last;

    /// <summary>Refuses <paramref name="amount"/> from this card today: expired, voided, nothing left, or more than is left.</summary>
    public void RequireUsable(decimal amount, DateOnly today)
    {
        if (ExpiredOn(today))
        {
            throw new DomainException($"The gift card {Card.Display} expired on {Card.ExpiresOn:yyyy-MM-dd}: nothing was taken.", "GiftCardCode");
        }

        if (Revoked)
        {
            throw new DomainException($"The gift card {Card.Display} was voided with its sale: nothing was taken.", "GiftCardCode");
        }

        if (Left <= 0m)
        {
            throw new DomainException(
                $"Nothing is left on the gift card {Card.Display} (another desk may just have used the last of it): nothing was taken.", "GiftCardCode");
        }

        if (amount > Left)
        {
            throw new DomainException($"The gift card {Card.Display} has {Left:0.00} {Card.Currency} left: take at most that from it.", "GiftCardAmount");
        }
    }

    /// <summary><paramref name="amount"/> of the card paid for a visit (the ledger's GiftCard payment beside it).</summary>
    public GiftCardEntry Redeem(Guid invoiceId, decimal amount, Guid ledgerEntryId, DateOnly today, Guid byUserId, DateTimeOffset now)
    {
        RequireUsable(amount, today);
        return Add(new GiftCardEntry(Card.Id, GiftCardEntryKind.Redeemed, amount, Card.Currency, invoiceId, today, byUserId, now).ForPayment(ledgerEntryId));
    }

    /// <summary>The redemption that the GiftCard payment <paramref name="ledgerEntryId"/> wrote; null when it is none of this card's.</summary>
    public GiftCardEntry? RedemptionOf(Guid ledgerEntryId) =>
        _entries.FirstOrDefault(e => e.Kind == GiftCardEntryKind.Redeemed && e.LedgerEntryId == ledgerEntryId);

    /// <summary>What of a redemption has not come back yet.</summary>
    public decimal NotGivenBack(GiftCardEntry redemption)
    {
        ArgumentNullException.ThrowIfNull(redemption);
        return redemption.Amount - _entries.Where(e => e.ReturnOfId == redemption.Id).Sum(e => e.Amount);
    }

    /// <summary>
    /// <paramref name="amount"/> of a redemption comes back on the card (its payment refunded, its invoice voided), never more than
    /// the redemption has left to give back. The card's expiry does not change: money given back after it is the expiry's.
    /// </summary>
    public GiftCardEntry GiveBack(GiftCardEntry redemption, decimal amount, Guid? ledgerEntryId, string reason, DateOnly today, Guid byUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(redemption);
        if (redemption.Kind != GiftCardEntryKind.Redeemed || redemption.GiftCardId != Card.Id || amount <= 0m || amount > NotGivenBack(redemption))
        {
            throw new InvalidOperationException("Only what a redemption of this card has left to give back is given back.");
        }

        return Add(new GiftCardEntry(Card.Id, GiftCardEntryKind.Returned, amount, Card.Currency, redemption.InvoiceId, today, byUserId, now)
            .ForPayment(ledgerEntryId).Returning(redemption.Id).Because(reason));
    }

    /// <summary>The sale is voided: refused once the card was used (nobody can take back what it paid); its value is taken back.</summary>
    public GiftCardEntry? Revoke(string reason, DateOnly today, Guid byUserId, DateTimeOffset now)
    {
        if (Used > 0m)
        {
            throw new DomainException($"The gift card {Card.Display} was used: its sale cannot be voided.");
        }

        return !Revoked && Left > 0m
            ? Add(new GiftCardEntry(Card.Id, GiftCardEntryKind.Revoked, Left, Card.Currency, Card.SaleInvoiceId, today, byUserId, now).Because(reason))
            : null;
    }

    /// <summary>
    /// The expiry round (decision 048): the day after the card's last day, what is left is written off once as Expired. Null
    /// when the card has not expired by <paramref name="today"/>, has nothing left, or was written off before.
    /// </summary>
    public GiftCardEntry? Expire(DateOnly today, Guid byUserId, DateTimeOffset now) =>
        ExpiredOn(today) && Left > 0m && _entries.All(e => e.Kind != GiftCardEntryKind.Expired)
            ? Add(new GiftCardEntry(Card.Id, GiftCardEntryKind.Expired, Left, Card.Currency, Card.SaleInvoiceId, today, byUserId, now)
                .Because($"expired after {Card.ExpiresOn:yyyy-MM-dd}"))
            : null;

    /// <summary>
    /// Money of the card's sale given back at the payment provider (Stripe's dashboard, decision 064): as much is taken off what is
    /// left, never more (what was spent cannot be taken back). Null when nothing is left.
    /// </summary>
    public GiftCardEntry? RefundSale(decimal amount, string reason, DateOnly today, Guid byUserId, DateTimeOffset now)
    {
        var taken = Math.Min(amount, Left);
        return taken > 0m
            ? Add(new GiftCardEntry(Card.Id, GiftCardEntryKind.Refunded, taken, Card.Currency, Card.SaleInvoiceId, today, byUserId, now).Because(reason))
            : null;
    }

    private decimal Sum(GiftCardEntryKind kind) => _entries.Where(e => e.Kind == kind).Sum(e => e.Amount);

    private GiftCardEntry Add(GiftCardEntry entry)
    {
        _entries.Add(entry);
        return entry;
    }
}
