using MicroSpa.Domain;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Wallet;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Data.Billing;

/// <summary>
/// The clients' package credits (decision 047), read from the package lines sold and their insert-only wallet entries.
/// The changes run inside the ledger's transactions (<see cref="Ledger"/>): after the invoice's row lock, each credit lot is
/// locked (PostgreSQL's advisory lock on the lot, as deposits are) and read again under it, so two desks using the last
/// credit take turns and the second is told none is left.
/// </summary>
public sealed class Wallet(MicroSpaDbContext db)
{
    /// <summary>The first key of the advisory locks on credit lots (the second is a hash of the lot's id).</summary>
    private const int LotLockClass = 47047;

    /// <summary>Every lot of the client whose credits were issued (paid in full), oldest first.</summary>
    public async Task<IReadOnlyList<CreditLot>> ForClientAsync(Guid clientId, CancellationToken cancellationToken) =>
        [.. (await LotsAsync(db.InvoiceLines.Where(l => db.Invoices.Any(i => i.Id == l.InvoiceId && i.ClientId == clientId)), cancellationToken))
            .Where(l => l.Issued)];

    /// <summary>One lot, issued or not; null when <paramref name="lotId"/> is no package line.</summary>
    public async Task<CreditLot?> LotAsync(Guid lotId, CancellationToken cancellationToken) =>
        (await LotsAsync(db.InvoiceLines.Where(l => l.Id == lotId), cancellationToken)).SingleOrDefault();

    private async Task<List<CreditLot>> LotsAsync(IQueryable<InvoiceLine> lines, CancellationToken cancellationToken)
    {
        var sold = await lines.AsNoTracking().Where(l => l.Kind == LineKind.Package)
            .Join(db.Invoices, l => l.InvoiceId, i => i.Id, (l, i) => new { Line = l, i.ClientId })
            .Join(db.PackageVersions.AsNoTracking(), x => x.Line.PackageVersionId, v => v.Id, (x, v) => new { x.Line, x.ClientId, Version = v })
            .ToListAsync(cancellationToken);
        // A membership's month paid gives its sessions as a lot too (decision 061): the month's line is the lot.
        var months = await lines.AsNoTracking().Where(l => l.Kind == LineKind.Membership)
            .Join(db.Invoices, l => l.InvoiceId, i => i.Id, (l, i) => new { Line = l, i.ClientId })
            .Join(db.MembershipPeriods.AsNoTracking(), x => x.Line.MembershipPeriodId, p => p.Id, (x, p) => new { x.Line, x.ClientId, Period = p })
            .Join(db.Memberships, x => x.Period.MembershipId, m => m.Id, (x, m) => new { x.Line, x.ClientId, x.Period, m.PlanId })
            .Join(db.MembershipPlans.AsNoTracking(), x => x.PlanId, p => p.Id, (x, p) => new { x.Line, x.ClientId, x.Period, Plan = p })
            .ToListAsync(cancellationToken);
        var lots = sold.Select(s => (s.Line, s.ClientId, Terms: s.Version.CreditTerms))
            .Concat(months.Select(m => (m.Line, m.ClientId, Terms: m.Plan.MonthCredits(m.Period)!)).Where(m => m.Terms is not null))
            .ToList();
        var ids = lots.Select(s => s.Line.Id).ToList();
        var entries = await db.WalletEntries.AsNoTracking().Where(e => ids.Contains(e.LotId)).ToListAsync(cancellationToken);
        return [.. lots.OrderBy(s => s.Line.Id).Select(s => new CreditLot(s.Line.Id, s.Line.InvoiceId, s.ClientId, s.Terms, s.Line.Net, entries))];
    }

    /// <summary>The first key of the advisory locks on memberships (the second is a hash of the membership's id).</summary>
    public const int MembershipLockClass = 61061;

    /// <summary>
    /// Takes a membership's lock until the transaction ends (decision 061): whoever opens, pays, forfeits, pauses or ends one of its
    /// months reads them again under it, so two instances or two desks take turns. Always after an invoice's row lock, before a lot's.
    /// </summary>
    public async Task LockMembershipAsync(Guid membershipId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A membership is locked inside a transaction.");
        }

        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({MembershipLockClass}, hashtext({membershipId.ToString()}))", cancellationToken);
    }

    /// <summary>
    /// The invoice paid in full pays its membership months: each is marked paid (refused when another invoice paid it already or it
    /// is no longer owed), every older month still owed is forfeited (only the current month is ever owed), and the month's
    /// sessions are issued as the line's lot.
    /// </summary>
    private async Task<IReadOnlyList<WalletEntry>> PayMonthsAsync(Invoice invoice, LedgerDay today, Guid byUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var written = new List<WalletEntry>();
        foreach (var line in invoice.Lines.Where(l => l.Kind == LineKind.Membership).OrderBy(l => l.Id))
        {
            var periodId = line.MembershipPeriodId!.Value;
            var membershipId = await db.MembershipPeriods.AsNoTracking().Where(p => p.Id == periodId).Select(p => p.MembershipId).SingleAsync(cancellationToken);
            await LockMembershipAsync(membershipId, cancellationToken);
            var period = await db.MembershipPeriods.SingleAsync(p => p.Id == periodId, cancellationToken);
            await db.Entry(period).ReloadAsync(cancellationToken);
            if (period.State == Domain.Memberships.PeriodState.Paid && period.InvoiceLineId == line.Id)
            {
                continue;
            }

            period.MarkPaid(line.Id, now);
            foreach (var older in await db.MembershipPeriods
                         .Where(p => p.MembershipId == membershipId && p.StartsOn < period.StartsOn && p.State == Domain.Memberships.PeriodState.Due)
                         .ToListAsync(cancellationToken))
            {
                older.Forfeit(now);
            }

            await LockAsync(line.Id, cancellationToken);
            if (await LotAsync(line.Id, cancellationToken) is { Issued: false } lot)
            {
                written.Add(db.WalletEntries.Add(lot.Issue(today.Date, byUserId, now)).Entity);
            }
        }

        return written;
    }

    /// <summary>
    /// The lots issued whose credits a sum of entries says are not all gone, and whose last day is between the two days (inclusive):
    /// candidates only, read again under the lot's lock by <see cref="ExpireAsync"/> and the expiry's email.
    /// </summary>
    public Task<List<Guid>> OpenLotsExpiringAsync(DateOnly from, DateOnly until, CancellationToken cancellationToken) =>
        db.WalletEntries.AsNoTracking()
            .Where(e => e.Kind == WalletEntryKind.Issued && e.ExpiresOn >= from && e.ExpiresOn <= until)
            .Where(e => db.WalletEntries.Where(x => x.LotId == e.LotId)
                .Sum(x => x.Kind == WalletEntryKind.Issued || x.Kind == WalletEntryKind.Returned ? x.Sessions : -x.Sessions) > 0)
            .OrderBy(e => e.ExpiresOn).Select(e => e.LotId).ToListAsync(cancellationToken);

    /// <summary>
    /// Writes the Expired entry of a lot past its last day, once: under the lot's lock and read again there, so two instances
    /// sweeping at once write one. Inside the caller's transaction; null when nothing is (any longer) to expire.
    /// </summary>
    public async Task<WalletEntry?> ExpireAsync(Guid lotId, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await LockAsync(lotId, cancellationToken);
        if ((await LotAsync(lotId, cancellationToken))?.Expire(today, now) is not { } expired)
        {
            return null;
        }

        db.WalletEntries.Add(expired);
        return expired;
    }

    /// <summary>One lot read again under its lock, inside the caller's transaction (the expiry's email is decided there).</summary>
    public async Task<CreditLot?> LockedLotAsync(Guid lotId, CancellationToken cancellationToken)
    {
        await LockAsync(lotId, cancellationToken);
        return await LotAsync(lotId, cancellationToken);
    }

    /// <summary>Cash, the terminal's card, or a deposit or card taken online: what a refund of money may go back to.</summary>
    public static bool IsMoney(Tender? tender) => tender is Tender.Cash or Tender.Card or Tender.Deposit;

    /// <summary>Takes the lot's lock until the transaction ends; always after the invoice's row lock.</summary>
    private async Task LockAsync(Guid lotId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A credit lot is locked inside a transaction.");
        }

        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LotLockClass}, hashtext({lotId.ToString()}))", cancellationToken);
    }

    /// <summary>An invoice paid in full: the credits of its package lines are issued (once), lasting from today.</summary>
    internal async Task<IReadOnlyList<WalletEntry>> IssuePaidAsync(Invoice invoice, LedgerDay today, Guid byUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var written = new List<WalletEntry>();
        if (!invoice.IsIssued || invoice.IsVoided || invoice.Due > 0m)
        {
            return written;
        }

        foreach (var line in invoice.Lines.Where(l => l.Kind == LineKind.Package).OrderBy(l => l.Id))
        {
            await LockAsync(line.Id, cancellationToken);
            if (await LotAsync(line.Id, cancellationToken) is { Issued: false } lot)
            {
                written.Add(db.WalletEntries.Add(lot.Issue(today.Date, byUserId, now)).Entity);
            }
        }

        written.AddRange(await PayMonthsAsync(invoice, today, byUserId, now, cancellationToken));
        return written;
    }

    /// <summary>One credit of <paramref name="lotId"/> pays for a service line: the ledger's PackageCredit payment and the wallet's redemption.</summary>
    internal async Task<IReadOnlyList<LedgerEntry>> RedeemAsync(
        Invoice invoice, Guid lineId, Guid lotId, Guid? submissionId, LedgerDay today, Guid byUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await LockAsync(lotId, cancellationToken);
        var lot = await LotAsync(lotId, cancellationToken) ?? throw new DomainException("Choose one of the client's package credits.", "LotId");
        var line = invoice.Lines.FirstOrDefault(l => l.Id == lineId) ?? throw new DomainException("That line is not on this invoice.", "LineId");
        lot.RequireUsable(invoice.ClientId, line.ServiceId, today.Date);
        var payment = invoice.TakePackageCredit(lineId, lotId, submissionId, today, byUserId, now);
        db.WalletEntries.Add(lot.Redeem(invoice.Id, lineId, line.ServiceId, invoice.ClientId, payment.Amount, payment.Id, today.Date, byUserId, now));
        return [payment];
    }

    /// <summary>
    /// An invoice voided: each credit it used comes back (a Returned entry), and a package it sold is taken back when none
    /// of its credits was used (refused otherwise: the Admin refunds the credits left instead).
    /// </summary>
    internal async Task OnVoidAsync(Invoice invoice, string reason, LedgerDay today, Guid byUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lots = await db.WalletEntries.AsNoTracking().Where(e => e.InvoiceId == invoice.Id && e.Kind == WalletEntryKind.Redeemed)
            .Select(e => e.LotId).ToListAsync(cancellationToken);
        // A membership's month paid by this invoice is owed again (its sessions are taken back below, refused once one was used).
        foreach (var line in invoice.Lines.Where(l => l.Kind == LineKind.Membership).OrderBy(l => l.Id))
        {
            var period = await db.MembershipPeriods.SingleAsync(p => p.Id == line.MembershipPeriodId, cancellationToken);
            await LockMembershipAsync(period.MembershipId, cancellationToken);
            await db.Entry(period).ReloadAsync(cancellationToken);
            if (period.InvoiceLineId == line.Id)
            {
                period.Unpay();
            }
        }

        foreach (var lotId in lots.Concat(invoice.Lines.Where(l => l.Kind is LineKind.Package or LineKind.Membership).Select(l => l.Id)).Distinct().Order())
        {
            await LockAsync(lotId, cancellationToken);
            if (await LotAsync(lotId, cancellationToken) is not { } lot)
            {
                continue; // a membership month that gives no sessions
            }

            foreach (var redemption in lot.OpenRedemptions(invoice.Id))
            {
                db.WalletEntries.Add(lot.GiveBack(redemption, reason, today.Date, byUserId, now));
            }

            if (lot.SaleInvoiceId == invoice.Id && lot.Revoke(reason, today.Date, byUserId, now) is { } revoked)
            {
                db.WalletEntries.Add(revoked);
            }
        }
    }

    /// <summary>
    /// A refund at the desk: a package credit's payment goes back whole, and its credit to the wallet; a package sold is
    /// never refunded as money from the invoice page (its credits would stay): the Admin refunds the credits left by the rule.
    /// </summary>
    internal async Task OnRefundAsync(Invoice invoice, Guid paymentId, decimal amount, Guid? lineId, string reason, LedgerDay today, Guid byUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var payment = invoice.Entries.Single(e => e.Id == paymentId);
        var packageLines = invoice.Lines.Where(l => l.Kind == LineKind.Package).Select(l => l.Id).ToList();
        if (invoice.Lines.Any(l => l.Kind == LineKind.Membership) && (lineId is null || invoice.Lines.Any(l => l.Id == lineId && l.Kind == LineKind.Membership)))
        {
            throw new DomainException(
                "This invoice pays a membership's month: void the invoice to give the month back (while none of its sessions is used), or choose another line to refund.",
                "RefundLineId");
        }

        // Issued or not yet (review 16:25, H1): a refund naming no line on an invoice still being paid would lower what it owes, and
        // the credits would then be issued in full for less money.
        if (packageLines.Count > 0 && (lineId is null || packageLines.Contains(lineId.Value)))
        {
            throw new DomainException(
                "This invoice sells a package: its credits left are refunded from the client's profile by the Admin (paid price less the sessions used), or the sale is voided while none is used. Choose another line to refund.",
                "RefundLineId");
        }

        if (payment.Tender != Tender.PackageCredit)
        {
            return;
        }

        if (amount != payment.Amount)
        {
            throw new DomainException("A package credit goes back whole: refund all of it, and the credit returns to the client's wallet.", "Amount");
        }

        var lotId = Guid.Parse(payment.Reference!);
        await LockAsync(lotId, cancellationToken);
        var lot = (await LotAsync(lotId, cancellationToken))!;
        var redemption = lot.OpenRedemptions(invoice.Id).Single(r => r.LedgerEntryId == paymentId);
        db.WalletEntries.Add(lot.GiveBack(redemption, reason, today.Date, byUserId, now));
    }

    /// <summary>
    /// The credits left of a lot refunded by the rule (<see cref="CreditLot.RefundDue"/>, decision 057), as money back to the sale's
    /// payments (newest first, each at most what it has left) with a credit on the package's line, or all of it in cash; the wallet's
    /// Refunded entry beside. Refused, with nothing written, when the lot is not <paramref name="clientId"/>'s, is refunded or
    /// expired, or when the rule now gives another amount than the one the Admin was shown (<see cref="UnusedCreditsRefund.Amount"/>).
    /// A payment taken online goes back through <paramref name="online"/> (the provider) unless the refund is in cash.
    /// </summary>
    internal async Task<IReadOnlyList<LedgerEntry>> RefundUnusedAsync(
        Invoice sale, Guid lotId, Guid clientId, UnusedCreditsRefund refund, Func<LedgerEntry, decimal, Task> online, Guid? submissionId, LedgerDay today,
        Guid byUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await LockAsync(lotId, cancellationToken);
        var lot = await LotAsync(lotId, cancellationToken);
        if (lot is null || lot.SaleInvoiceId != sale.Id || sale.ClientId != clientId)
        {
            throw new DomainException("Choose one of the client's packages.", "LotId");
        }

        if (sale.IsVoided)
        {
            throw new DomainException("The package's sale was voided: nothing is left to refund.", "LotId");
        }

        lot.RequireRefundable(today.Date, refund.Amount);

        // Every share is worked out, and checked to cover the rule's amount, before any money moves (review 13:40, M1): the
        // provider is called last, once, so a refusal anywhere writes nothing and sends nothing back.
        var left = lot.RefundDue;
        var shares = new List<(LedgerEntry Payment, decimal Share)>();
        // Only money goes back: a gift card or another package's credit that paid a line of the same invoice is no money
        // the client gave for this package (refunding it would return part of the package as a credit never given back).
        foreach (var payment in sale.Entries.Where(e => e.Kind == EntryKind.Payment && IsMoney(e.Tender) && sale.Refundable(e.Id) > 0m)
                     .OrderByDescending(e => e.Sequence).ToList())
        {
            if (left <= 0m)
            {
                break;
            }

            var share = Math.Min(left, sale.Refundable(payment.Id));
            shares.Add((payment, share));
            left -= share;
        }

        if (left > 0m)
        {
            throw new DomainException("The package's payments have less left to give back than the rule asks: refund by hand from the invoice page.", "LotId");
        }

        var throughProvider = refund.InCash ? [] : shares.Where(s => s.Payment.PaymentIntentId is not null).ToList();
        if (throughProvider.Count > 1)
        {
            // Two calls to the provider cannot be one transaction: the first could send money back and the second fail.
            throw new DomainException(
                "The package was paid online in more than one payment, and those cannot go back in one step: refund it in cash.", "LotId");
        }

        var written = new List<LedgerEntry>();
        foreach (var (payment, share) in shares)
        {
            written.AddRange(sale.Refund(payment.Id, share, refund.Reason, lotId, written.Count == 0 ? submissionId : null, today, byUserId, now, refund.InCash));
        }

        db.WalletEntries.Add(lot.RefundUnused(written.LastOrDefault(e => e.Kind == EntryKind.Refund)?.Id, refund.Reason, today.Date, byUserId, now));
        foreach (var (payment, share) in throughProvider)
        {
            await online(payment, share);
        }

        return written;
    }
}

/// <summary>What the Admin asks for: the credits left refunded in cash (else to the sale's own payments), the amount shown, why.</summary>
public sealed record UnusedCreditsRefund(bool InCash, decimal Amount, string Reason);
