using MicroSpa.Domain;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Wallet;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Data.Billing;

/// <summary>A card issued just now, with its code: the only time the code exists outside the holder's hands (decision 048).</summary>
public sealed record IssuedGiftCard(Guid GiftCardId, Guid SaleLineId, string Code, decimal Value, string Currency, DateOnly? ExpiresOn);

/// <summary>
/// Gift cards (decision 048), read from the cards sold and their insert-only entries. The changes run inside the ledger's
/// transactions (<see cref="Ledger"/>): after the invoice's row lock, each card is locked (PostgreSQL's advisory lock on the
/// card, as credit lots are) and read again under it, so two desks taking the last of a balance take turns and the second is told.
/// </summary>
public sealed class GiftCards(MicroSpaDbContext db)
{
    /// <summary>The first key of the advisory locks on gift cards and on the gift card lines being issued.</summary>
    private const int CardLockClass = 48048;

    /// <summary>The card a typed code names; null when it is no code or no card's.</summary>
    public Task<GiftCard?> FindAsync(string? typed, CancellationToken cancellationToken) =>
        GiftCardCode.Normalize(typed) is { } code
            ? db.GiftCards.AsNoTracking().SingleOrDefaultAsync(c => c.CodeHash == GiftCardCode.Hash(code), cancellationToken)
            : Task.FromResult<GiftCard?>(null);

    /// <summary>One card with its entries; null when there is none.</summary>
    public async Task<GiftCardBalance?> BalanceAsync(Guid giftCardId, CancellationToken cancellationToken) =>
        await db.GiftCards.AsNoTracking().SingleOrDefaultAsync(c => c.Id == giftCardId, cancellationToken) is { } card
            ? new GiftCardBalance(card, await db.GiftCardEntries.AsNoTracking().Where(e => e.GiftCardId == card.Id).ToListAsync(cancellationToken))
            : null;

    /// <summary>The cards sold on invoices of <paramref name="clientId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<GiftCardBalance>> BoughtByAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var cards = await db.GiftCards.AsNoTracking().Where(c => db.Invoices.Any(i => i.Id == c.SaleInvoiceId && i.ClientId == clientId))
            .OrderBy(c => c.IssuedAt).ToListAsync(cancellationToken);
        var ids = cards.Select(c => c.Id).ToList();
        var entries = await db.GiftCardEntries.AsNoTracking().Where(e => ids.Contains(e.GiftCardId)).ToListAsync(cancellationToken);
        return [.. cards.Select(c => new GiftCardBalance(c, entries))];
    }

    /// <summary>
    /// The cards bought online and emailed to <paramref name="email"/> (in any case), oldest first (decision 064): one query on the
    /// index of lower(recipient_email), then one for all their entries.
    /// </summary>
    public async Task<IReadOnlyList<GiftCardBalance>> ReceivedByAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var normalized = email.Trim().ToLowerInvariant();
        var cards = await db.GiftCardOrders.AsNoTracking().Where(o => o.SentAt != null && o.GiftCardId != null && o.RecipientEmail.ToLower() == normalized)
            .Join(db.GiftCards.AsNoTracking(), o => o.GiftCardId, c => (Guid?)c.Id, (o, c) => c)
            .OrderBy(c => c.IssuedAt).ToListAsync(cancellationToken);
        var ids = cards.Select(c => c.Id).ToList();
        var entries = ids.Count == 0 ? [] : await db.GiftCardEntries.AsNoTracking().Where(e => ids.Contains(e.GiftCardId)).ToListAsync(cancellationToken);
        return [.. cards.Select(c => new GiftCardBalance(c, entries))];
    }

    /// <summary>The cards whose last day was before <paramref name="today"/> and that were not written off yet (the expiry round).</summary>
    public Task<List<Guid>> ExpiredUnwrittenAsync(DateOnly today, CancellationToken cancellationToken) =>
        db.GiftCards.AsNoTracking()
            .Where(c => c.ExpiresOn != null && c.ExpiresOn < today
                && !db.GiftCardEntries.Any(e => e.GiftCardId == c.Id && (e.Kind == GiftCardEntryKind.Expired || e.Kind == GiftCardEntryKind.Revoked)))
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// Writes what is left on an expired card off as one Expired entry, under the card's lock and read again there (with the
    /// unique index on one Expired entry per card): any number of instances running the round write it once. Null when nothing
    /// was written. Joins the caller's transaction.
    /// </summary>
    public async Task<GiftCardEntry?> ExpireAsync(Guid giftCardId, DateOnly today, Guid byUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var balance = await LockedAsync(giftCardId, cancellationToken);
        if (balance.Expire(today, byUserId, now) is not { } expired)
        {
            return null;
        }

        db.GiftCardEntries.Add(expired);
        return expired;
    }

    /// <summary>
    /// <paramref name="amount"/> of an invoice's card payment was refunded at the payment provider (decision 064): the cards sold on
    /// it lose as much of what is left, under each card's lock (after the invoice's), so the money cannot be spent as well as given
    /// back. Joins the caller's transaction.
    /// </summary>
    /// <returns>What could not be taken off because it was spent already.</returns>
    internal async Task<decimal> OnRefundAtProviderAsync(Invoice invoice, decimal amount, string refundId, LedgerDay today, Guid byUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lines = invoice.Lines.Where(l => l.Kind == LineKind.GiftCard).Select(l => l.Id).ToList();
        var left = amount;
        if (lines.Count == 0)
        {
            return 0m;
        }

        foreach (var cardId in await db.GiftCards.AsNoTracking().Where(c => lines.Contains(c.SaleLineId)).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken))
        {
            var balance = await LockedAsync(cardId, cancellationToken);
            if (left > 0m && balance.RefundSale(left, $"sale refunded in Stripe's dashboard ({refundId})", today.Date, byUserId, now) is { } entry)
            {
                db.GiftCardEntries.Add(entry);
                left -= entry.Amount;
            }
        }

        return left;
    }

    /// <summary>Takes the lock of a card (or of a gift card line being issued) until the transaction ends; always after the invoice's row lock.</summary>
    private async Task LockAsync(Guid id, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A gift card is locked inside a transaction.");
        }

        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CardLockClass}, hashtext({id.ToString()}))", cancellationToken);
    }

    private async Task<GiftCardBalance> LockedAsync(Guid giftCardId, CancellationToken cancellationToken)
    {
        await LockAsync(giftCardId, cancellationToken);
        return (await BalanceAsync(giftCardId, cancellationToken))!;
    }

    /// <summary>An invoice paid in full: each gift card line on it gets its card (once: under the line's lock, and unique per line), with a new code.</summary>
    internal async Task<IReadOnlyList<IssuedGiftCard>> IssuePaidAsync(Invoice invoice, LedgerDay today, Guid byUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var issued = new List<IssuedGiftCard>();
        if (!invoice.IsIssued || invoice.IsVoided || invoice.Due > 0m || invoice.Lines.All(l => l.Kind != LineKind.GiftCard))
        {
            return issued;
        }

        var months = await db.BillingSettings.AsNoTracking().Select(s => s.GiftCardExpiryMonths).SingleAsync(cancellationToken);
        foreach (var line in invoice.Lines.Where(l => l.Kind == LineKind.GiftCard).OrderBy(l => l.Id))
        {
            await LockAsync(line.Id, cancellationToken);
            if (await db.GiftCards.AnyAsync(c => c.SaleLineId == line.Id, cancellationToken))
            {
                continue;
            }

            var (card, entry, code) = GiftCard.Issue(line.Id, invoice.Id, line.Net, invoice.Currency, months, today.Date, byUserId, now);
            db.GiftCards.Add(card);
            db.GiftCardEntries.Add(entry);
            issued.Add(new IssuedGiftCard(card.Id, line.Id, GiftCardCode.Format(code), line.Net, invoice.Currency, card.ExpiresOn));
        }

        return issued;
    }

    /// <summary><paramref name="amount"/> of the card whose code was typed pays toward the invoice: the ledger's GiftCard payment and the card's redemption.</summary>
    internal async Task<IReadOnlyList<LedgerEntry>> RedeemAsync(
        Invoice invoice, string? typedCode, decimal amount, Guid? submissionId, LedgerDay today, Guid byUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (GiftCardCode.Normalize(typedCode) is null)
        {
            throw new DomainException($"A gift card code is {GiftCardCode.Length} letters and digits, as printed on the card (dashes and spaces may be left in).", "GiftCardCode");
        }

        var card = await FindAsync(typedCode, cancellationToken) ?? throw new DomainException("No gift card has that code: check it with the client.", "GiftCardCode");
        if (card.Currency != invoice.Currency)
        {
            throw new DomainException($"That gift card is in {card.Currency}, this invoice in {invoice.Currency}.", "GiftCardCode");
        }

        var balance = await LockedAsync(card.Id, cancellationToken);
        Money.RequireAmount(amount, "GiftCardAmount");
        balance.RequireUsable(amount, today.Date);
        var payment = invoice.TakePrepaid(Tender.GiftCard, amount, card.Display, submissionId, today, byUserId, now);
        db.GiftCardEntries.Add(balance.Redeem(invoice.Id, amount, payment.Id, today.Date, byUserId, now));
        return [payment];
    }

    /// <summary>
    /// A refund at the desk: a gift card sold on the invoice is not refunded from the invoice page once issued (its balance would
    /// stay spendable); a refund of a GiftCard payment puts what was refunded back on the card.
    /// </summary>
    internal async Task OnRefundAsync(Invoice invoice, LedgerEntry payment, IReadOnlyList<LedgerEntry> refund, Guid? lineId, string reason, LedgerDay today, Guid byUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cardLines = invoice.Lines.Where(l => l.Kind == LineKind.GiftCard).Select(l => l.Id).ToList();
        // Issued or not yet (review 16:25, H1): a refund naming no line on an invoice still being paid would lower what it owes, and
        // the card would then be issued at its full value for less money.
        if (cardLines.Count > 0 && (lineId is null || cardLines.Contains(lineId.Value)))
        {
            throw new DomainException(
                "This invoice sells a gift card: its money stays on the card. Void the sale while the card is unused, or choose another line to refund.",
                "RefundLineId");
        }

        if (payment.Tender != Tender.GiftCard)
        {
            return;
        }

        var giftCardId = await db.GiftCardEntries.AsNoTracking()
            .Where(e => e.Kind == GiftCardEntryKind.Redeemed && e.LedgerEntryId == payment.Id).Select(e => e.GiftCardId).SingleAsync(cancellationToken);
        var balance = await LockedAsync(giftCardId, cancellationToken);
        var redemption = balance.RedemptionOf(payment.Id)!;
        var money = refund.Single(e => e.Kind == EntryKind.Refund);
        db.GiftCardEntries.Add(balance.GiveBack(redemption, money.Amount, money.Id, reason, today.Date, byUserId, now));
    }

    /// <summary>
    /// An invoice voided: what each gift card payment on it had not given back returns to its card, and a card it sold is taken
    /// back when it was never used (refused otherwise). Cards are locked in the order of their ids.
    /// </summary>
    internal async Task OnVoidAsync(Invoice invoice, IReadOnlyList<LedgerEntry> voided, string reason, LedgerDay today, Guid byUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cardLines = invoice.Lines.Where(l => l.Kind == LineKind.GiftCard).Select(l => l.Id).ToList();
        var cards = await db.GiftCardEntries.AsNoTracking().Where(e => e.InvoiceId == invoice.Id && e.Kind == GiftCardEntryKind.Redeemed).Select(e => e.GiftCardId)
            .Concat(db.GiftCards.Where(c => cardLines.Contains(c.SaleLineId)).Select(c => c.Id))
            .Distinct().ToListAsync(cancellationToken);
        foreach (var cardId in cards.Order())
        {
            var balance = await LockedAsync(cardId, cancellationToken);
            foreach (var redemption in balance.Entries.Where(e => e.Kind == GiftCardEntryKind.Redeemed && e.InvoiceId == invoice.Id).ToList())
            {
                if (balance.NotGivenBack(redemption) is > 0m and var left)
                {
                    var money = voided.FirstOrDefault(e => e.Kind == EntryKind.Refund && e.RefundOfId == redemption.LedgerEntryId);
                    db.GiftCardEntries.Add(balance.GiveBack(redemption, left, money?.Id, reason, today.Date, byUserId, now));
                }
            }

            if (balance.Card.SaleInvoiceId == invoice.Id && balance.Revoke(reason, today.Date, byUserId, now) is { } revoked)
            {
                db.GiftCardEntries.Add(revoked);
            }
        }
    }
}

/// <summary>
/// The gift card codes issued during one request, once their transaction committed: the page that took the payment shows them
/// once (decision 048). Scoped to the request; nothing of it is stored.
/// </summary>
public sealed class GiftCardCodesShown
{
    private readonly List<IssuedGiftCard> _issued = [];

    public IReadOnlyList<IssuedGiftCard> Issued => _issued.AsReadOnly();

    public void Add(IEnumerable<IssuedGiftCard> cards) => _issued.AddRange(cards);
}
