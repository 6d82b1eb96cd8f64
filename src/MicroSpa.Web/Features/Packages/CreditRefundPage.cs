using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Wallet;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Packages;

/// <summary>
/// What the Admin reads before refunding a package's unused credits (decision 057): the package, what was paid, each session
/// used at the price its visit was charged, the amount by the rule in words, and where the money can go (the sale's own
/// payments, a card taken online back through Stripe, or cash from the drawer).
/// </summary>
public static class CreditRefundPage
{
    public sealed record UsedSession(DateOnly Day, decimal Amount);

    public sealed record PaidWith(string Tender, decimal Refundable, bool Online);

    public sealed record Result(
        Guid ClientId, string ClientName, Guid LotId, string Package, long SaleNumber, int Bought, int Left, DateOnly ExpiresOn, bool Expired, bool Refunded,
        decimal Paid, IReadOnlyList<UsedSession> Used, decimal RefundDue, IReadOnlyList<PaidWith> Payments, RefundUnusedCredits.Command Form)
    {
        public bool Refundable => Left > 0 && !Expired;
    }

    public sealed class Handler(MicroSpaDbContext db, Wallet wallet, ClinicTimeZone zone, TimeProvider clock, ClinicMoney money)
    {
        /// <summary>Null when <paramref name="lotId"/> is no package of <paramref name="clientId"/>.</summary>
        public async Task<Result?> HandleAsync(Guid clientId, Guid lotId, RefundUnusedCredits.Command? form, CancellationToken cancellationToken)
        {
            var lot = await wallet.LotAsync(lotId, cancellationToken);
            if (lot is null || lot.ClientId != clientId || !lot.Issued)
            {
                return null;
            }

            var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => c.FirstName + " " + c.LastName).SingleAsync(cancellationToken);
            var sale = await db.Invoices.AsNoTracking().Include(i => i.Entries).SingleAsync(i => i.Id == lot.SaleInvoiceId, cancellationToken);
            var returned = lot.Entries.Where(e => e.ReturnOfId is not null).Select(e => e.ReturnOfId).ToHashSet();
            var used = lot.Entries.Where(e => e.Kind == WalletEntryKind.Redeemed && !returned.Contains(e.Id)).Select(e => new UsedSession(e.ClinicDay, e.Amount)).ToList();
            var payments = sale.Entries.Where(e => e.Kind == EntryKind.Payment && Data.Billing.Wallet.IsMoney(e.Tender) && sale.Refundable(e.Id) > 0m).OrderByDescending(e => e.Sequence)
                .Select(e => new PaidWith(Describe(e), sale.Refundable(e.Id), e.PaymentIntentId is not null)).ToList();
            return new Result(clientId, client, lotId, lot.Version.Name, sale.Number, lot.Bought, lot.Left, lot.ExpiresOn!.Value, lot.ExpiredOn(zone.Today(clock.GetUtcNow())),
                lot.WasRefunded, lot.Paid, used, lot.RefundDue, payments,
                form ?? new RefundUnusedCredits.Command { Amount = lot.RefundDue, SubmissionId = Guid.NewGuid(), Reason = "Unused credits refunded" });

            string Describe(LedgerEntry e) => e.Tender switch
            {
                Tender.Cash => "Cash",
                Tender.Card when e.PaymentIntentId is not null => $"Card charged online{Card(e)}: back to the card through Stripe",
                Tender.Card => $"Card on the terminal{Card(e)}: refund it on the terminal",
                Tender.Deposit => "Deposit paid online: back to the card through Stripe",
                var other => other.ToString()!,
            } + $" ({money.Format(e.Amount)})";
        }

        private static string Card(LedgerEntry e) => e.CardLastFour is { } last ? $" ({e.CardBrand} ending {last})" : string.Empty;
    }
}
