using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Data.Billing;

/// <summary>
/// One deposit paid online (an <see cref="OnlinePayment"/> with the Deposit purpose) and what became of it, every figure a
/// sum of insert-only rows: what the provider took, what it gave back (<see cref="OnlineRefund"/>s of the payment
/// intent), what the ledger used (Payments with the Deposit tender whose reference is the payment intent) and what the
/// ledger gave back of those uses (their Refunds: a voided invoice returns the deposit to the client's hold; a refund
/// of a used deposit through the provider is both an online refund and a ledger refund, so it leaves the hold as it
/// was). What is still held is the client's money the clinic keeps: <c>paid − refunded online − used + use given back</c>.
/// </summary>
public sealed record DepositHeld(
    string PaymentIntentId, Guid ClientId, Guid? AppointmentId, decimal Paid, string Currency, decimal RefundedOnline, decimal Used,
    decimal UseGivenBack, string? CardBrand, string? CardLastFour, DateTimeOffset PaidAt)
{
    public decimal Held => Paid - RefundedOnline - Used + UseGivenBack;

    public Money HeldMoney => new(Held, Currency);

    /// <summary>What the provider can still give back of the payment intent (whatever the ledger used of it).</summary>
    public decimal RefundableOnline => Paid - RefundedOnline;
}

/// <summary>
/// The deposits held for an appointment or a payment intent (decision 038: a deposit still held is paid − refunded −
/// used). Whoever changes one (the ledger using it on an invoice, a refund through the provider, the webhook learning
/// of a refund made in the provider's dashboard) first takes <see cref="LockAsync"/> in its transaction and reads it
/// again, so two changes of one deposit take turns and the second sees what the first did.
/// </summary>
public sealed class DepositsHeld(MicroSpaDbContext db)
{
    /// <summary>The first key of the advisory locks on payment intents (the second is the hash of its id).</summary>
    private const int PaymentIntentLockClass = 38038;

    /// <summary>The deposits paid for one appointment, oldest first.</summary>
    public Task<List<DepositHeld>> ForAppointmentAsync(Guid appointmentId, CancellationToken cancellationToken) =>
        Query(db.OnlinePayments.Where(p => p.Purpose == OnlinePurpose.Deposit && p.AppointmentId == appointmentId)).ToListAsync(cancellationToken);

    /// <summary>The deposits paid for these appointments, oldest first (the desk's lists).</summary>
    public Task<List<DepositHeld>> ForAppointmentsAsync(IReadOnlyCollection<Guid> appointmentIds, CancellationToken cancellationToken) =>
        Query(db.OnlinePayments.Where(p => p.Purpose == OnlinePurpose.Deposit && p.AppointmentId != null && appointmentIds.Contains(p.AppointmentId.Value)))
            .ToListAsync(cancellationToken);

    /// <summary>The deposit of one payment intent; null when it is no deposit MicroSpa knows.</summary>
    public Task<DepositHeld?> ForPaymentIntentAsync(string paymentIntentId, CancellationToken cancellationToken) =>
        Query(db.OnlinePayments.Where(p => p.Purpose == OnlinePurpose.Deposit && p.PaymentIntentId == paymentIntentId)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Takes the payment intent's lock until the caller's transaction ends (PostgreSQL's advisory lock: the app's role
    /// may not lock the insert-only rows themselves). Taken after an invoice's row lock, never before, so no two
    /// holders wait for each other.
    /// </summary>
    public async Task LockAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A payment intent is locked inside a transaction.");
        }

        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PaymentIntentLockClass}, hashtext({paymentIntentId}))", cancellationToken);
    }

    private IQueryable<DepositHeld> Query(IQueryable<OnlinePayment> payments) =>
        payments.AsNoTracking().OrderBy(p => p.ReceivedAt).ThenBy(p => p.Id).Select(p => new DepositHeld(
            p.PaymentIntentId, p.ClientId ?? Guid.Empty, p.AppointmentId, p.Amount, p.Currency,
            db.OnlineRefunds.Where(r => r.PaymentIntentId == p.PaymentIntentId).Sum(r => (decimal?)r.Amount) ?? 0m,
            db.LedgerEntries.Where(e => e.Kind == EntryKind.Payment && e.Tender == Tender.Deposit && e.Reference == p.PaymentIntentId)
                .Sum(e => (decimal?)e.Amount) ?? 0m,
            db.LedgerEntries.Where(e => e.Kind == EntryKind.Refund && e.Tender == Tender.Deposit
                    && db.LedgerEntries.Any(u => u.Id == e.RefundOfId && u.Reference == p.PaymentIntentId))
                .Sum(e => (decimal?)e.Amount) ?? 0m,
            p.CardBrand, p.CardLastFour, p.ReceivedAt));
}
