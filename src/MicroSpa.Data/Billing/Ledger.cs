using System.Security.Cryptography;
using System.Text;
using MicroSpa.Domain;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Data.Billing;

/// <summary>Who acts, and from which address (for the entries and the audit trail).</summary>
public sealed record Actor(Guid UserId, string UserName, string? Address = null);

/// <summary>A tender as the desk entered it; which fields count depends on <see cref="Tender"/>.</summary>
public sealed record TenderInput(
    Tender Tender,
    decimal Amount,
    string? CardBrand = null,
    string? CardLastFour = null,
    string? ApprovalCode = null,
    string? Reference = null);

/// <summary>
/// Gives <paramref name="amount"/> of a payment intent back through the payment provider and answers the provider's refund
/// id (re_…) once it succeeded or is pending; throws a <see cref="DomainException"/> with the provider's reason in plain
/// words when it refuses or cannot be reached (the ledger then writes nothing). The same <paramref name="idempotencyKey"/>
/// gets the same refund.
/// </summary>
public delegate Task<string> ProviderRefund(string paymentIntentId, Money amount, string idempotencyKey, CancellationToken cancellationToken);

/// <summary>A card payment the payment provider took: how much, its payment id (pi_…), the card as the provider reported it.</summary>
public sealed record ProviderCharge(decimal Amount, string PaymentId, string? CardBrand, string? CardLastFour);

public enum LedgerStatus
{
    Done,

    /// <summary>The same submission was taken before: nothing was taken again; <see cref="LedgerResult.Entries"/> are the first time's.</summary>
    AlreadyDone,
    NotFound,

    /// <summary>A rule refused it; <see cref="LedgerResult.Message"/> says which, on <see cref="LedgerResult.Field"/>.</summary>
    Refused,

    /// <summary>
    /// A payment found nothing left to pay: the invoice was paid in full meanwhile (another desk, another tab) or
    /// the page was out of date; nothing was taken.
    /// </summary>
    Conflict,
}

public sealed record LedgerResult(LedgerStatus Status, IReadOnlyList<LedgerEntry> Entries, string? Message = null, string? Field = null)
{
    /// <summary>The gift cards this change issued (the invoice is now paid in full), with their codes: shown once, never stored.</summary>
    public IReadOnlyList<IssuedGiftCard> GiftCards { get; init; } = [];

    public static LedgerResult NotFound { get; } = new(LedgerStatus.NotFound, []);

    public static LedgerResult Refused(DomainException e) => new(LedgerStatus.Refused, [], e.Message, e.Field);
}

/// <summary>
/// The money use cases that must hold under concurrency, ready for the checkout pages: each runs in one
/// transaction that first locks the invoice's row (two desks paying one invoice take turns, and the second
/// sees what the first took) and takes a shared lock on the clinic day (closing the day takes it exclusively,
/// so no entry slips into a day while it closes). A submission id is unique on the ledger: a form posted
/// twice finds the first entry and takes nothing again. Every action is audited in the same transaction.
/// </summary>
public sealed class Ledger(MicroSpaDbContext db, ClinicTimeZone zone, TimeProvider clock, GiftCardCodesShown? codesShown = null)
{
    /// <summary>The first key of the advisory locks on clinic days (the second is the day's number).</summary>
    private const int DayLockClass = 32032;

    private readonly Wallet _wallet = new(db);
    private readonly GiftCards _giftCards = new(db);

    /// <summary>
    /// <paramref name="amount"/> of the gift card whose code was typed pays toward the invoice (decision 048): a GiftCard payment and
    /// the card's redemption, under the invoice's and then the card's lock, so a second desk taking the last of it is told.
    /// </summary>
    public Task<LedgerResult> UseGiftCardAsync(Guid invoiceId, string? code, decimal amount, Guid submissionId, Actor actor, CancellationToken cancellationToken) =>
        OnInvoiceAsync(invoiceId, submissionId, actor, PaymentAction,
            (invoice, today, now) => _giftCards.RedeemAsync(invoice, code, amount, submissionId, today, actor.UserId, now, cancellationToken), cancellationToken);

    /// <summary>
    /// One package credit of <paramref name="lotId"/> pays for a service line of the visit (decision 047): a PackageCredit
    /// payment of the line's price with its tax, and the wallet's redemption, under the invoice's and then the lot's lock.
    /// </summary>
    public Task<LedgerResult> UseCreditAsync(Guid invoiceId, Guid lineId, Guid lotId, Guid submissionId, Actor actor, CancellationToken cancellationToken) =>
        OnInvoiceAsync(invoiceId, submissionId, actor, PaymentAction,
            (invoice, today, now) => _wallet.RedeemAsync(invoice, lineId, lotId, submissionId, today, actor.UserId, now, cancellationToken), cancellationToken);

    /// <summary>
    /// The Admin refunds what is left of a package by the rule (paid price less the sessions used at the price each paid,
    /// never below zero; decision 057): money back to the sale's payments (a payment taken online through
    /// <paramref name="throughProvider"/> first) or all in cash, and the credits left taken out of the wallet, in one transaction
    /// under the sale's row lock and then the lot's, so a second desk refunding the same package is told nothing is left.
    /// </summary>
    /// <returns>Not found when <paramref name="lotId"/> is no package sold to <paramref name="clientId"/>.</returns>
    public async Task<LedgerResult> RefundUnusedCreditsAsync(
        Guid lotId, Guid clientId, UnusedCreditsRefund refund, Guid submissionId, Actor actor, CancellationToken cancellationToken, ProviderRefund? throughProvider = null)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var saleInvoiceId = await db.InvoiceLines.AsNoTracking()
            .Where(l => l.Id == lotId && l.Kind == LineKind.Package && db.Invoices.Any(i => i.Id == l.InvoiceId && i.ClientId == clientId))
            .Select(l => (Guid?)l.InvoiceId).SingleOrDefaultAsync(cancellationToken);
        return saleInvoiceId is not { } id
            ? LedgerResult.NotFound
            : await OnInvoiceAsync(id, submissionId, actor, "money.refund",
                (invoice, today, now) => _wallet.RefundUnusedAsync(invoice, lotId, clientId, refund,
                    (payment, amount) => RefundOnlineAsync(payment.PaymentIntentId!, new Money(amount, invoice.Currency),
                        $"microspa-package-refund-{submissionId}-{payment.Id}", throughProvider, actor, now, cancellationToken),
                    submissionId, today, actor.UserId, now, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Fixes the invoice's lines; a visit's invoice is then paid at once with the deposits still held for its appointment
    /// (the Deposit tender, the payment intent as its reference), never above what is due: the rest stays held.
    /// </summary>
    public Task<LedgerResult> IssueAsync(Guid invoiceId, Actor actor, CancellationToken cancellationToken) =>
        OnInvoiceAsync(invoiceId, null, actor, "money.issue", async (invoice, today, now) =>
        {
            var entry = invoice.Issue(today, actor.UserId, now);
            db.StockEntries.AddRange(invoice.Lines.Where(l => l.RetailItemId is not null)
                .Select(l => StockEntry.Sold(l.RetailItemId!.Value, l.Quantity, invoice.Id, actor.UserId, now)));
            return [entry, .. await UseDepositsAsync(invoice, null, today, actor.UserId, now, cancellationToken)];
        }, cancellationToken);

    /// <summary>
    /// Pays an issued visit's invoice with the deposits held for its appointment (one paid after the invoice was issued);
    /// refused when none is held. <paramref name="submissionId"/> is the form's, so a double tap uses nothing twice.
    /// </summary>
    public Task<LedgerResult> UseDepositsAsync(Guid invoiceId, Guid submissionId, Actor actor, CancellationToken cancellationToken) =>
        OnInvoiceAsync(invoiceId, submissionId, actor, PaymentAction, async (invoice, today, now) =>
        {
            if (!invoice.IsIssued)
            {
                throw new DomainException("Issue the invoice before taking payment.");
            }

            var used = await UseDepositsAsync(invoice, submissionId, today, actor.UserId, now, cancellationToken);
            return used.Count > 0 ? used : throw new DomainException("No deposit is held for this visit.");
        }, cancellationToken);

    /// <summary>
    /// Each deposit of the invoice's appointment, oldest first, under its payment intent's lock and read again there (so
    /// two invoices, or a refund at the same moment, never use one deposit twice), pays what it still holds up to what is due.
    /// </summary>
    private async Task<List<LedgerEntry>> UseDepositsAsync(
        Invoice invoice, Guid? submissionId, LedgerDay today, Guid byUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var used = new List<LedgerEntry>();
        if (invoice.AppointmentId is not { } appointmentId || invoice.Due <= 0m)
        {
            return used;
        }

        var deposits = new DepositsHeld(db);
        foreach (var intent in await db.OnlinePayments.AsNoTracking()
            .Where(p => p.Purpose == OnlinePurpose.Deposit && p.AppointmentId == appointmentId && p.Currency == invoice.Currency)
            .OrderBy(p => p.ReceivedAt).ThenBy(p => p.Id).Select(p => p.PaymentIntentId).ToListAsync(cancellationToken))
        {
            if (invoice.Due <= 0m)
            {
                break;
            }

            await deposits.LockAsync(intent, cancellationToken);
            if (await deposits.ForPaymentIntentAsync(intent, cancellationToken) is { Held: > 0m } deposit)
            {
                used.Add(invoice.TakePrepaid(Tender.Deposit, Math.Min(deposit.Held, invoice.Due), intent, used.Count == 0 ? submissionId : null, today, byUserId, now));
            }
        }

        return used;
    }

    /// <summary>Takes one tender. <paramref name="submissionId"/> comes from the form, so a double tap takes nothing twice.</summary>
    public Task<LedgerResult> TakePaymentAsync(Guid invoiceId, TenderInput input, Guid submissionId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return OnInvoiceAsync(invoiceId, submissionId, actor, PaymentAction, (invoice, today, now) => Task.FromResult<IReadOnlyList<LedgerEntry>>(input.Tender switch
        {
            Tender.Cash => [invoice.TakeCash(input.Amount, submissionId, today, actor.UserId, now)],
            Tender.Card => [invoice.TakeCard(input.Amount, CardDetails.Require(input.CardBrand, input.CardLastFour, input.ApprovalCode), submissionId, today, actor.UserId, now)],
            _ => [invoice.TakePrepaid(input.Tender, input.Amount, input.Reference ?? string.Empty, submissionId, today, actor.UserId, now)],
        }), cancellationToken);
    }

    /// <summary>
    /// Charges a card through the payment provider while the invoice is locked: <paramref name="charge"/> is called with what
    /// is due only when something is (a second desk, or a double tap, waits for the first and finds it paid or its
    /// submission taken), and a <see cref="DomainException"/> from it (a declined card) writes nothing. The payment is the
    /// Card tender with the provider's payment id as its reference.
    /// </summary>
    public Task<LedgerResult> TakeProviderCardAsync(
        Guid invoiceId, Guid submissionId, Actor actor, Func<decimal, CancellationToken, Task<ProviderCharge>> charge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charge);
        return OnInvoiceAsync(invoiceId, submissionId, actor, PaymentAction, async (invoice, today, now) =>
        {
            if (!invoice.IsIssued)
            {
                throw new DomainException("Issue the invoice before taking payment.");
            }

            if (invoice.IsVoided)
            {
                throw new DomainException("This invoice is voided.");
            }

            today.RequireOpen("taking a payment");
            if (invoice.Due <= 0m)
            {
                throw new DomainException("Nothing is due on this invoice.", "Amount");
            }

            var taken = await charge(invoice.Due, cancellationToken);
            return [invoice.TakeProviderCard(taken.Amount, taken.CardBrand, taken.CardLastFour, taken.PaymentId, submissionId, today, actor.UserId, now)];
        }, cancellationToken);
    }

    /// <summary>
    /// Records a card payment the provider already took (the client paid on the provider's page). <paramref name="submissionId"/>
    /// is derived from the provider's payment id by the caller, so the webhook and the browser's return record it once.
    /// </summary>
    public Task<LedgerResult> RecordProviderCardAsync(Guid invoiceId, ProviderCharge charge, Guid submissionId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charge);
        return OnInvoiceAsync(invoiceId, submissionId, actor, PaymentAction, (invoice, today, now) =>
        {
            if (invoice.Entries.Where(e => e.Kind == EntryKind.Payment && e.Reference == charge.PaymentId).ToList() is { Count: > 0 } earlier)
            {
                // Recorded before by another way it reached MicroSpa (the desk's charge, the return page, a webhook).
                throw new AlreadyRecorded(earlier);
            }

            return Task.FromResult<IReadOnlyList<LedgerEntry>>(
                [invoice.TakeProviderCard(charge.Amount, charge.CardBrand, charge.CardLastFour, charge.PaymentId, submissionId, today, actor.UserId, now)]);
        }, cancellationToken);
    }

    /// <summary>The provider's payment is on the invoice already: nothing is written, the first entries are answered.</summary>
    private sealed class AlreadyRecorded(IReadOnlyList<LedgerEntry> entries) : Exception("The provider's payment is already on the ledger.")
    {
        public IReadOnlyList<LedgerEntry> Entries { get; } = entries;
    }

    /// <summary>Gives part or all of one payment back to its tender (the caller checks the refund permission).</summary>
    public Task<LedgerResult> RefundAsync(Guid invoiceId, Guid paymentId, decimal amount, string reason, Guid? lineId, Guid submissionId, Actor actor, CancellationToken cancellationToken) =>
        RefundAsync(invoiceId, paymentId, amount, reason, lineId, 0, submissionId, actor, cancellationToken);

    /// <summary>
    /// Gives part or all of one payment back to its tender; when the refund is for a retail line, <paramref name="returnToStock"/>
    /// of its items go back on the shelf (a <see cref="StockEntryKind.Returned"/> entry), never more than the line sold
    /// less what was returned before. A payment taken online (<see cref="LedgerEntry.PaymentIntentId"/>: a deposit used,
    /// a fee the provider charged) goes back through <paramref name="throughProvider"/> first, under the payment intent's
    /// lock: only when the provider answers is the refund written, with its <see cref="OnlineRefund"/>; when it refuses,
    /// nothing is.
    /// </summary>
    public Task<LedgerResult> RefundAsync(
        Guid invoiceId, Guid paymentId, decimal amount, string reason, Guid? lineId, int returnToStock, Guid submissionId, Actor actor,
        CancellationToken cancellationToken, ProviderRefund? throughProvider = null) =>
        OnInvoiceAsync(invoiceId, submissionId, actor, "money.refund", async (invoice, today, now) =>
        {
            await _wallet.OnRefundAsync(invoice, paymentId, amount, lineId, reason, today, actor.UserId, now, cancellationToken);
            var entries = invoice.Refund(paymentId, amount, reason, lineId, submissionId, today, actor.UserId, now);
            await _giftCards.OnRefundAsync(invoice, invoice.Entries.Single(e => e.Id == paymentId), entries, lineId, reason, today, actor.UserId, now, cancellationToken);
            if (returnToStock != 0)
            {
                var line = invoice.Lines.FirstOrDefault(l => l.Id == lineId && l.RetailItemId is not null)
                    ?? throw new DomainException("Only a product's line goes back in stock: choose the product refunded.", "ReturnToStock");
                var returnable = line.Quantity - await ReturnedAsync(invoice.Id, line.RetailItemId!.Value);
                if (returnToStock < 0 || returnToStock > returnable)
                {
                    throw new DomainException($"At most {returnable} of {line.Description} can go back in stock.", "ReturnToStock");
                }

                db.StockEntries.Add(StockEntry.Returned(line.RetailItemId.Value, returnToStock, invoice.Id, actor.UserId, entries[0].Reason ?? "Refund", now));
            }

            if (invoice.Entries.Single(e => e.Id == paymentId).PaymentIntentId is { } intent)
            {
                await RefundOnlineAsync(intent, new Money(amount, invoice.Currency), $"microspa-refund-{submissionId}", throughProvider, actor, now, cancellationToken);
            }

            return entries;
        }, cancellationToken);

    /// <summary>Money back through the provider before the ledger writes it; the provider's refund is kept once by its id.</summary>
    private async Task RefundOnlineAsync(
        string paymentIntentId, Money amount, string idempotencyKey, ProviderRefund? throughProvider, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (throughProvider is null)
        {
            throw new DomainException("This payment was taken online: it goes back through the payment provider, and online payments are off.");
        }

        if (!await db.OnlinePayments.AnyAsync(p => p.PaymentIntentId == paymentIntentId, cancellationToken))
        {
            throw new DomainException($"MicroSpa has no record of the online payment {paymentIntentId}: refund it in Stripe's dashboard.");
        }

        await new DepositsHeld(db).LockAsync(paymentIntentId, cancellationToken);
        var refundId = await throughProvider(paymentIntentId, amount, idempotencyKey, cancellationToken);
        var providerSubmission = SubmissionForProviderRefund(refundId);
        if (await db.LedgerEntries.AnyAsync(e => e.SubmissionId == providerSubmission, cancellationToken))
        {
            // The form was sent again after Stripe made the refund but its answer was lost; Stripe's notice came meanwhile
            // and put this very refund (the same re_, by the same idempotency key) on the ledger.
            throw new DomainException("Stripe had already made this refund and it is recorded on this invoice: nothing more was written.");
        }

        if (!await db.OnlineRefunds.AnyAsync(r => r.Id == refundId, cancellationToken))
        {
            db.OnlineRefunds.Add(new OnlineRefund(refundId, paymentIntentId, amount, OnlineRefundReason.ByStaff, actor.UserId, now));
        }
    }

    /// <summary>
    /// The ledger's submission id of a refund the provider made (re_…): the same refund gives the same id, so whoever
    /// records it (the provider's notice, or the desk's retried form that got the same refund back) records it once.
    /// </summary>
    public static Guid SubmissionForProviderRefund(string refundId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"microspa-provider-refund:{refundId}"))[..16]);

    /// <summary>
    /// Refunds the provider made of a payment intent MicroSpa took (in its dashboard), each kept once by its re_ id as an
    /// <see cref="OnlineRefund"/> (<see cref="OnlineRefundReason.AtProvider"/>); one MicroSpa already keeps changes nothing.
    /// What such a refund takes from money the ledger holds becomes a ledger Refund (no credit: the invoice shows it due
    /// again) of the payments that used the payment intent, newest first: for a deposit what goes beyond what is still held
    /// (<see cref="DepositsHeld"/>: the unused part goes first), for a fee all of it. The invoices are locked first, then the
    /// payment intent (the ledger's order), and the day is taken shared as any entry takes it. Joins the caller's
    /// transaction (the webhook's).
    /// </summary>
    /// <returns>The ledger refunds written.</returns>
    public Task<IReadOnlyList<LedgerEntry>> RecordRefundsAtProviderAsync(
        string paymentIntentId, IReadOnlyList<(string RefundId, Money Amount)> refunds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refunds);
        return db.InTransactionAsync<IReadOnlyList<LedgerEntry>>(
            async token =>
            {
                var now = clock.GetUtcNow();
                var date = zone.Today(now);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({DayLockClass}, {date.DayNumber})", token);
                var invoiceIds = await UsesOf(paymentIntentId).Select(e => e.InvoiceId).Distinct().OrderBy(id => id).ToListAsync(token);
                foreach (var id in invoiceIds)
                {
                    await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM invoices WHERE id = {id} FOR UPDATE").ToListAsync(token);
                }

                var deposits = new DepositsHeld(db);
                await deposits.LockAsync(paymentIntentId, token);
                var paid = await db.OnlinePayments.AsNoTracking().SingleOrDefaultAsync(p => p.PaymentIntentId == paymentIntentId, token);
                var written = new List<LedgerEntry>();
                if (paid is null)
                {
                    return written;
                }

                var today = new LedgerDay(date, await db.DayCloses.AnyAsync(d => d.ClinicDay == date, token));
                foreach (var (refundId, amount) in refunds)
                {
                    if (await db.OnlineRefunds.AnyAsync(r => r.Id == refundId, token))
                    {
                        continue;
                    }

                    var held = paid.Purpose == OnlinePurpose.Deposit ? (await deposits.ForPaymentIntentAsync(paymentIntentId, token))?.Held ?? 0m : 0m;
                    var fromLedger = Math.Max(0m, amount.Amount - Math.Max(0m, held));
                    db.OnlineRefunds.Add(new OnlineRefund(refundId, paymentIntentId, amount, OnlineRefundReason.AtProvider, null, now));
                    Guid? submission = SubmissionForProviderRefund(refundId);
                    var uses = await UsesOf(paymentIntentId).AsNoTracking().OrderByDescending(e => e.Sequence).ToListAsync(token);
                    foreach (var use in uses)
                    {
                        if (fromLedger <= 0m)
                        {
                            break;
                        }

                        var invoice = await db.Invoices.Include(i => i.Entries).Include(i => i.Lines).AsSplitQuery().SingleAsync(i => i.Id == use.InvoiceId, token);
                        var share = Math.Min(fromLedger, invoice.Refundable(use.Id));
                        if (share <= 0m)
                        {
                            continue;
                        }

                        var entry = invoice.RefundAtProvider(use.Id, share, refundId, submission, today, invoice.OpenedBy, now);

                        // A gift card's sale (decision 064): the card loses what was refunded, or the money would be spendable twice.
                        var spent = await _giftCards.OnRefundAtProviderAsync(invoice, share, refundId, today, invoice.OpenedBy, now, token);
                        submission = null;
                        written.Add(entry);
                        fromLedger -= share;
                        db.AuditEntries.Add(new AuditEntry(invoice.OpenedBy, "Refunded in Stripe's dashboard", invoice.ClientId, "money.refund", entry.Id, now,
                            $"invoice {invoice.Number}: {entry.Kind} {entry.Tender} {entry.Amount:0.00} {entry.Currency} ({refundId})"
                            + (spent > 0m ? $"; {spent:0.00} of it was spent from its gift card already" : string.Empty)));
                    }

                    // Saved refund by refund, so the next one reads what is held after this one.
                    await db.SaveChangesAsync(token);
                }

                return written;
            },
            null,
            cancellationToken);
    }

    /// <summary>The ledger's payments made with a payment intent: a deposit used, or a card the provider charged.</summary>
    private IQueryable<LedgerEntry> UsesOf(string paymentIntentId) =>
        db.LedgerEntries.Where(e => e.Kind == EntryKind.Payment && (e.Tender == Tender.Deposit || e.Tender == Tender.Card) && e.Reference == paymentIntentId);

    /// <summary>Voids an invoice (unpaid, or paid today); sold retail goes back on the shelf.</summary>
    public Task<LedgerResult> VoidAsync(Guid invoiceId, string reason, Actor actor, CancellationToken cancellationToken) =>
        VoidAsync(invoiceId, reason, mayGiveMoneyBack: true, actor, cancellationToken);

    /// <summary>
    /// Voids an invoice (unpaid, or paid today); sold retail goes back on the shelf. A void that gives payments back is a
    /// refund by another name: without <paramref name="mayGiveMoneyBack"/> (the Refund permission) only an invoice with
    /// nothing paid on it is voided, checked under the invoice's lock so a payment taken meanwhile is seen.
    /// </summary>
    public Task<LedgerResult> VoidAsync(Guid invoiceId, string reason, bool mayGiveMoneyBack, Actor actor, CancellationToken cancellationToken) =>
        OnInvoiceAsync(invoiceId, null, actor, "money.void", async (invoice, today, now) =>
        {
            if (invoice.Entries.Any(e => e.IsCardChargedOnline && invoice.Refundable(e.Id) > 0m))
            {
                // A void writes its refunds on the ledger only; a card the provider charged gets its money back through the provider.
                throw new DomainException(
                    "This invoice was paid by a card charged online: refund that payment first (it goes back through Stripe), then void the invoice.",
                    nameof(LedgerEntry.Reason));
            }

            if (!mayGiveMoneyBack && invoice.Paid - invoice.Refunded > 0m)
            {
                throw new DomainException(
                    "Voiding this invoice gives its payments back, which is a refund: ask someone who may refund (the Admin, unless the clinic lets the desk).",
                    nameof(LedgerEntry.Reason));
            }

            var entries = invoice.Void(reason, today, actor.UserId, now);
            await _wallet.OnVoidAsync(invoice, reason, today, actor.UserId, now, cancellationToken);
            await _giftCards.OnVoidAsync(invoice, entries, reason, today, actor.UserId, now, cancellationToken);
            foreach (var item in invoice.Lines.Where(l => l.RetailItemId is not null).GroupBy(l => l.RetailItemId!.Value))
            {
                // What a refund already put back is not put back twice.
                var left = item.Sum(l => l.Quantity) - await ReturnedAsync(invoice.Id, item.Key);
                if (left > 0)
                {
                    db.StockEntries.Add(StockEntry.Returned(item.Key, left, invoice.Id, actor.UserId, "Invoice voided", now));
                }
            }

            return entries;
        }, cancellationToken);

    private Task<int> ReturnedAsync(Guid invoiceId, Guid retailItemId) =>
        db.StockEntries.Where(e => e.InvoiceId == invoiceId && e.RetailItemId == retailItemId && e.Kind == StockEntryKind.Returned).SumAsync(e => e.QuantityChange);

    /// <summary>What a clinic day's entries add up to (tenders, cash expected, per provider).</summary>
    public async Task<DaySummary> SummarizeAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.ClinicDay == day).ToListAsync(cancellationToken);
        var issuedThatDay = db.LedgerEntries.Where(e => e.ClinicDay == day && e.Kind == EntryKind.Issued).Select(e => e.InvoiceId);
        var lines = await db.InvoiceLines.AsNoTracking()
            .Where(l => issuedThatDay.Contains(l.InvoiceId))
            .Select(l => new { Line = l, Voided = db.LedgerEntries.Any(e => e.InvoiceId == l.InvoiceId && e.Kind == EntryKind.Void) })
            .ToListAsync(cancellationToken);
        return DaySummary.From(day, entries, lines.Select(l => (l.Line, l.Voided)));
    }

    /// <summary>Closes a clinic day against the counted drawer; a day closes once.</summary>
    public async Task<(DayClose? Close, LedgerResult Result)> CloseDayAsync(DateOnly day, decimal countedCash, string? note, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        DayClose? closed = null;
        var result = await db.InTransactionAsync(
            async token =>
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({DayLockClass}, {day.DayNumber})", token);
                if (await db.DayCloses.AnyAsync(d => d.ClinicDay == day, token))
                {
                    return LedgerResult.Refused(new DomainException($"The day {day:yyyy-MM-dd} is already closed.", nameof(DayClose.ClinicDay)));
                }

                var now = clock.GetUtcNow();
                try
                {
                    closed = DayClose.Close(await SummarizeAsync(day, token), countedCash, note, zone.Today(now), actor.UserId, now);
                }
                catch (DomainException e)
                {
                    return LedgerResult.Refused(e);
                }

                db.DayCloses.Add(closed);
                db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.UserName, null, "money.close-day", null, now,
                    $"day {day:yyyy-MM-dd}, expected {closed.ExpectedCash:0.00}, counted {closed.CountedCash:0.00}", actor.Address));
                await db.SaveChangesAsync(token);
                return new LedgerResult(LedgerStatus.Done, []);
            },
            token => db.DayCloses.AsNoTracking().AnyAsync(d => d.ClinicDay == day && d.ClosedBy == actor.UserId, token),
            cancellationToken);
        return (closed, result);
    }

    public Task<int> StockOnHandAsync(Guid retailItemId, CancellationToken cancellationToken) =>
        db.StockEntries.Where(e => e.RetailItemId == retailItemId).SumAsync(e => e.QuantityChange, cancellationToken);

    private const string PaymentAction = "money.payment";

    /// <summary>The entry a submitted form writes: a payment's form a payment, a refund's form a refund (beside its credit).</summary>
    private static EntryKind SubmittedKind(string action) => action == PaymentAction ? EntryKind.Payment : EntryKind.Refund;

    private async Task<LedgerResult> OnInvoiceAsync(
        Guid invoiceId,
        Guid? submissionId,
        Actor actor,
        string action,
        Func<Invoice, LedgerDay, DateTimeOffset, Task<IReadOnlyList<LedgerEntry>>> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        try
        {
            var result = await db.InTransactionAsync(
                async token =>
                {
                    var now = clock.GetUtcNow();
                    var date = zone.Today(now);
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({DayLockClass}, {date.DayNumber})", token);
                    var locked = await db.Database
                        .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM invoices WHERE id = {invoiceId} FOR UPDATE")
                        .ToListAsync(token);
                    if (locked.Count == 0)
                    {
                        return LedgerResult.NotFound;
                    }

                    if (submissionId is { } submission
                        && await db.LedgerEntries.AsNoTracking().Where(e => e.SubmissionId == submission).ToListAsync(token) is { Count: > 0 } earlier)
                    {
                        // Only the same form for the same invoice is "done before": a payment's id on a refund form took nothing back.
                        return earlier[0].InvoiceId == invoiceId && earlier.Any(e => e.Kind == SubmittedKind(action))
                            ? new LedgerResult(LedgerStatus.AlreadyDone, earlier)
                            : LedgerResult.Refused(new DomainException(earlier[0].InvoiceId == invoiceId
                                ? "This form was already used for something else: open the invoice again."
                                : "This form was already used for another invoice: open the invoice again."));
                    }

                    var invoice = await db.Invoices.Include(i => i.Lines).Include(i => i.Entries).AsSplitQuery()
                        .SingleAsync(i => i.Id == invoiceId, token);
                    var today = new LedgerDay(date, await db.DayCloses.AnyAsync(d => d.ClinicDay == date, token));
                    IReadOnlyList<LedgerEntry> written;
                    IReadOnlyList<Domain.Wallet.WalletEntry> credits;
                    IReadOnlyList<IssuedGiftCard> cards;
                    try
                    {
                        written = await change(invoice, today, now);

                        // Paid in full now: a package on it gives its credits (decision 047).
                        credits = await _wallet.IssuePaidAsync(invoice, today, actor.UserId, now, token);
                        cards = await _giftCards.IssuePaidAsync(invoice, today, actor.UserId, now, token);
                    }
                    catch (AlreadyRecorded e)
                    {
                        db.ChangeTracker.Clear();
                        return new LedgerResult(LedgerStatus.AlreadyDone, e.Entries);
                    }
                    catch (DomainException e)
                    {
                        db.ChangeTracker.Clear();
                        return action == PaymentAction && invoice is { IsIssued: true, IsVoided: false, Due: 0m }
                            ? new LedgerResult(LedgerStatus.Conflict, [], e.Message, e.Field)
                            : LedgerResult.Refused(e);
                    }

                    foreach (var entry in written)
                    {
                        db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.UserName, invoice.ClientId, action, entry.Id, now,
                            $"invoice {invoice.Number}: {entry.Kind} {entry.Tender} {entry.Amount:0.00} {entry.Currency}", actor.Address));
                    }

                    foreach (var credit in credits)
                    {
                        db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.UserName, invoice.ClientId, "money.wallet", credit.Id, now,
                            $"invoice {invoice.Number}: {credit.Sessions} credits issued, expiring {credit.ExpiresOn:yyyy-MM-dd}", actor.Address));
                    }

                    foreach (var card in cards)
                    {
                        // The audit names the card, never its code.
                        db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.UserName, invoice.ClientId, "money.gift-card", card.GiftCardId, now,
                            $"invoice {invoice.Number}: gift card of {card.Value:0.00} {card.Currency} issued{(card.ExpiresOn is { } last ? $", lasting until {last:yyyy-MM-dd}" : string.Empty)}",
                            actor.Address));
                    }

                    await db.SaveChangesAsync(token);
                    return new LedgerResult(LedgerStatus.Done, written) { GiftCards = cards };
                },
                submissionId is { } id ? token => db.LedgerEntries.AsNoTracking().AnyAsync(e => e.SubmissionId == id, token) : null,
                cancellationToken);

            // Committed: the codes of the cards issued may be shown (once) to whoever paid.
            codesShown?.Add(result.GiftCards);
            return result;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && submissionId is { } submission)
        {
            // Another instance took the same submission between our look and our insert: report the first one.
            db.ChangeTracker.Clear();
            var earlier = await db.LedgerEntries.AsNoTracking().Where(x => x.SubmissionId == submission).ToListAsync(cancellationToken);
            return earlier.Any(x => x.InvoiceId == invoiceId && x.Kind == SubmittedKind(action))
                ? new LedgerResult(LedgerStatus.AlreadyDone, earlier)
                : LedgerResult.Refused(new DomainException("This form was already used for something else: open the invoice again."));
        }
    }
}
