using MicroSpa.Data;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// A finished receipt for an issued invoice, as the desk prints it, the email carries it and the client reads it:
/// the clinic, the invoice's number and date (in the clinic's zone), the client, the lines with their taxes,
/// discounts and tips, each payment by tender, every refund and void with its date, and what is still due. All
/// figures come from the invoice and its ledger entries (decision 032). A draft has no receipt.
/// </summary>
public static class Receipts
{
    public sealed record Line(string Description, string? Provider, int Quantity, decimal UnitPrice, decimal Discount, string? DiscountReason, decimal Amount, bool IsTip);

    public sealed record Tax(TaxKind Kind, decimal RatePercent, decimal Amount)
    {
        public string Label => Kind == TaxKind.Services ? "Services tax" : "Retail tax";
    }

    /// <summary>One payment: the tender as a person reads it ("Visa ending 4242", "Cash"), with the cash handed over and the change.</summary>
    public sealed record Payment(DateTime LocalAt, Tender Tender, string Description, decimal Amount, decimal? CashTendered, decimal? Change);

    /// <summary>Money given back to a tender, or the invoice voided, with the day it happened.</summary>
    public sealed record MoneyBack(DateTime LocalAt, bool IsVoid, string Description, decimal Amount, string? Reason);

    public sealed record Receipt(
        Guid InvoiceId, long Number, string ClinicName, string ClinicAddress, string ClinicPhone, DateTime LocalIssued, Guid? ClientId, string Client,
        string? ClientEmail, IReadOnlyList<Line> Lines, IReadOnlyList<Tax> Taxes, decimal Subtotal, decimal Discounts, decimal Tips, decimal Charged,
        decimal Credited, decimal Total, decimal Paid, decimal Refunded, decimal Due, IReadOnlyList<Payment> Payments, IReadOnlyList<MoneyBack> MoneyBack,
        InvoiceState State, string Currency)
    {
        public bool Voided => State == InvoiceState.Voided;

        /// <summary>The file name of its PDF.</summary>
        public string FileName => $"receipt-{Number}.pdf";
    }

    /// <summary>One line of a client's list of receipts.</summary>
    public sealed record Summary(Guid InvoiceId, long Number, DateTime LocalIssued, decimal Total, decimal Paid, decimal Refunded, bool Voided);

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, IOptions<ClinicOptions> clinic)
    {
        /// <summary>The receipt of an issued invoice; null for none or a draft, and for another client's when <paramref name="clientId"/> is given.</summary>
        public async Task<Receipt?> ForInvoiceAsync(Guid invoiceId, Guid? clientId, CancellationToken cancellationToken)
        {
            var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Entries).AsSplitQuery()
                .SingleOrDefaultAsync(i => i.Id == invoiceId && (clientId == null || i.ClientId == clientId), cancellationToken);
            if (invoice is null || !invoice.IsIssued)
            {
                return null;
            }

            var client = invoice.ClientId is { } id
                ? await db.Clients.AsNoTracking().Where(c => c.Id == id).Select(c => new { Name = c.FirstName + " " + c.LastName, c.Email }).SingleAsync(cancellationToken)
                : null;
            var providerIds = invoice.Lines.Select(l => l.ProviderId).OfType<Guid>().Distinct().ToList();
            var providers = await db.Providers.AsNoTracking().Where(p => providerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
            string? ProviderOf(InvoiceLine line) => line.ProviderId is { } p && providers.TryGetValue(p, out var name) ? name : null;

            var entries = invoice.Entries.OrderBy(e => e.Sequence).ToList();
            var payments = entries.Where(e => e.Kind == EntryKind.Payment).ToDictionary(e => e.Id);
            var settings = clinic.Value;
            var intents = payments.Values.Select(p => p.PaymentIntentId).OfType<string>().ToList();
            var online = await db.OnlinePayments.AsNoTracking().Where(p => intents.Contains(p.PaymentIntentId))
                .ToDictionaryAsync(p => p.PaymentIntentId, p => (p.CardBrand, p.CardLastFour, p.ReceivedAt), cancellationToken);
            string Describe(LedgerEntry payment) =>
                payment.Tender == Tender.Deposit && payment.PaymentIntentId is { } intent && online.TryGetValue(intent, out var paid)
                    ? $"Deposit paid online {zone.ToLocal(paid.ReceivedAt):yyyy-MM-dd}" + (paid.CardLastFour is null ? string.Empty : $" ({paid.CardBrand} ending {paid.CardLastFour})")
                    : Receipts.Describe(payment);
            return new Receipt(
                invoice.Id, invoice.Number, settings.Name, settings.Address, settings.Phone, zone.ToLocal(entries.First(e => e.Kind == EntryKind.Issued).At),
                invoice.ClientId, client?.Name ?? "Walk-in", client?.Email,
                [.. invoice.Lines.OrderBy(l => l.Kind == LineKind.Tip).ThenBy(l => l.Id).Select(l => new Line(
                    l.Kind == LineKind.Tip ? $"Tip for {ProviderOf(l)}" : l.Description, l.Kind == LineKind.Tip ? null : ProviderOf(l),
                    l.Quantity, l.UnitPrice, l.DiscountAmount, l.DiscountReason, l.Net, l.Kind == LineKind.Tip))],
                [.. invoice.Taxes.Select(t => new Tax(t.Kind, t.RatePercent, t.Tax))],
                invoice.Subtotal, invoice.Discounts, invoice.Tips, invoice.Charged, invoice.Credited, invoice.Total, invoice.Paid, invoice.Refunded, invoice.Due,
                [.. payments.Values.Select(p => new Payment(zone.ToLocal(p.At), p.Tender!.Value, Describe(p), p.Amount, p.CashTendered, p.ChangeGiven))],
                [.. entries.Where(e => e.Kind is EntryKind.Refund or EntryKind.Void).Select(e => new MoneyBack(
                    zone.ToLocal(e.At), e.Kind == EntryKind.Void,
                    e.Kind == EntryKind.Void ? "Invoice voided"
                        : e.RefundOfId is { } of && payments.TryGetValue(of, out var paid) ? $"Refund to {Describe(paid)}" : $"Refund ({e.Tender})",
                    e.Amount, e.Reason))],
                invoice.State, invoice.Currency);
        }

        /// <summary>
        /// Every issued invoice of one client, newest first: found through the index on invoices.client_id, then each
        /// invoice's entries through the index on ledger_entries.invoice_id, summed in PostgreSQL.
        /// </summary>
        public async Task<IReadOnlyList<Summary>> ForClientAsync(Guid clientId, CancellationToken cancellationToken)
        {
            var rows = await db.Invoices.AsNoTracking()
                .Where(i => i.ClientId == clientId && i.Entries.Any(e => e.Kind == EntryKind.Issued))
                .OrderByDescending(i => i.Number)
                .Select(i => new
                {
                    i.Id,
                    i.Number,
                    IssuedAt = i.Entries.Where(e => e.Kind == EntryKind.Issued).Select(e => e.At).First(),
                    Charged = i.Entries.Where(e => e.Kind == EntryKind.Issued).Sum(e => e.Amount),
                    Credited = i.Entries.Where(e => e.Kind == EntryKind.Credit || e.Kind == EntryKind.Void).Sum(e => e.Amount),
                    Paid = i.Entries.Where(e => e.Kind == EntryKind.Payment).Sum(e => e.Amount),
                    Refunded = i.Entries.Where(e => e.Kind == EntryKind.Refund).Sum(e => e.Amount),
                    Voided = i.Entries.Any(e => e.Kind == EntryKind.Void),
                })
                .ToListAsync(cancellationToken);
            return [.. rows.Select(r => new Summary(r.Id, r.Number, zone.ToLocal(r.IssuedAt), r.Charged - r.Credited, r.Paid, r.Refunded, r.Voided))];
        }
    }

    /// <summary>A tender as it reads on a receipt.</summary>
    public static string Describe(LedgerEntry payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return payment.Tender switch
        {
            Tender.Card => $"{payment.CardBrand} ending {payment.CardLastFour}",
            Tender.Cash => "Cash",
            Tender.Deposit => "Deposit paid online",
            Tender.GiftCard => $"Gift card {payment.Reference}".TrimEnd(),
            Tender.PackageCredit => $"Package credit {payment.Reference}".TrimEnd(),
            _ => payment.Tender?.ToString() ?? "Unknown",
        };
    }
}
