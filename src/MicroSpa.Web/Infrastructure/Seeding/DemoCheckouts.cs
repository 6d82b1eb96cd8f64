using MicroSpa.Data;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Infrastructure.Seeding;

/// <summary>
/// The demo clinic's money, so the owner finds the money pages with content on the first run: retail products with
/// stock (one already low), the last two past clinic days' visits checked out and paid (cash with change, card, one
/// paid part cash part card with a serum and a tip split between two providers, one partly refunded with the product
/// back on the shelf, one still partly paid), and the earlier of the two days closed against its counted drawer.
/// Written through the domain's own methods (Invoice, StockEntry, DayClose) as the Ledger writes them, one save per
/// step so the ledger's order is the order things happened; dated on the visit's own day.
/// </summary>
internal sealed class DemoCheckouts(MicroSpaDbContext db, ClinicTimeZone zone, string currency, Guid deskUserId)
{
    private static readonly CardDetails Visa = CardDetails.Require("Visa", "4242", "A1B2C3");
    private static readonly CardDetails Mastercard = CardDetails.Require("Mastercard", "5454", "M77Q21");

    public async Task SeedAsync(IReadOnlyList<Appointment> appointments, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var servicesTax = await db.TaxClasses.SingleAsync(t => t.Kind == TaxKind.Services, cancellationToken);
        var retailTax = await db.TaxClasses.SingleAsync(t => t.Kind == TaxKind.Retail, cancellationToken);
        retailTax.SetRate(8.875m);

        var delivered = now.AddDays(-10);
        var serum = Stocked(new RetailItem("HA-SERUM-30", "Hyaluronic acid serum 30 ml", 68m, lowStockThreshold: 4), 24, delivered);
        Stocked(new RetailItem("GF-SERUM-15", "Growth factor serum 15 ml", 120m, lowStockThreshold: 2), 10, delivered);
        var sunscreen = Stocked(new RetailItem("SPF50-MINERAL", "Mineral sunscreen SPF 50", 38m, lowStockThreshold: 6), 30, delivered);
        var kit = Stocked(new RetailItem("KIT-AFTERCARE", "Post-needling aftercare kit", 95m, lowStockThreshold: 2), 3, delivered);
        await db.SaveChangesAsync(cancellationToken);

        var today = zone.Today(now);
        var days = appointments
            .Where(a => a.Status == AppointmentStatus.Completed && zone.Today(a.StartsAt) < today)
            .GroupBy(a => zone.Today(a.StartsAt))
            .OrderBy(g => g.Key)
            .Select(g => g.OrderBy(a => a.StartsAt).ToList())
            .TakeLast(2)
            .ToList();
        if (days.Count < 2)
        {
            return;
        }

        var providers = appointments.Select(a => a.ProviderId).Distinct().ToList();

        // The earlier day: every visit checked out and paid, then the day closed with the drawer matching.
        var closedDay = days[0];
        for (var i = 0; i < closedDay.Count; i++)
        {
            var visit = closedDay[i];
            var at = visit.EndsAt.AddMinutes(5);
            var invoice = Invoice.ForVisit(visit, Describe(visit), servicesTax, currency, deskUserId, at);
            switch (i % 3)
            {
                case 0:
                    // A serum and a tip shared with another provider; part cash, the rest by card.
                    invoice.AddRetail(serum, 1, retailTax, visit.ProviderId);
                    invoice.AddTip(30m, [visit.ProviderId, providers.First(p => p != visit.ProviderId)]);
                    await IssueAsync(invoice, at);
                    await PayAsync(invoice, inv => inv.TakeCash(100m, Guid.CreateVersion7(), Day(at), deskUserId, at.AddMinutes(1)));
                    await PayAsync(invoice, inv => inv.TakeCard(inv.Due, Visa, Guid.CreateVersion7(), Day(at), deskUserId, at.AddMinutes(2)));
                    break;
                case 1:
                    // Cash, with the change handed back.
                    invoice.AddRetail(kit, 1, retailTax, visit.ProviderId);
                    await IssueAsync(invoice, at);
                    await PayAsync(invoice, inv => inv.TakeCash(Math.Ceiling(inv.Due / 50m) * 50m, Guid.CreateVersion7(), Day(at), deskUserId, at.AddMinutes(1)));
                    break;
                default:
                    await IssueAsync(invoice, at);
                    await PayAsync(invoice, inv => inv.TakeCard(inv.Due, Mastercard, Guid.CreateVersion7(), Day(at), deskUserId, at.AddMinutes(1)));
                    break;
            }
        }

        var date = zone.Today(closedDay[0].StartsAt);
        var summary = DaySummary.From(
            date,
            await db.LedgerEntries.AsNoTracking().Where(e => e.ClinicDay == date).ToListAsync(cancellationToken),
            (await db.InvoiceLines.AsNoTracking()
                .Where(l => db.LedgerEntries.Any(e => e.InvoiceId == l.InvoiceId && e.ClinicDay == date && e.Kind == EntryKind.Issued))
                .ToListAsync(cancellationToken)).Select(l => (l, false)));
        var closedAt = zone.DayBounds(date).End.AddHours(-4);
        db.DayCloses.Add(DayClose.Close(summary, summary.ExpectedCash, null, date, deskUserId, closedAt));
        await db.SaveChangesAsync(cancellationToken);

        // The later day, left open for the desk to close: sunscreen paid by card and one bottle refunded later that
        // day (back on the shelf), a cash visit, and a visit still partly paid.
        var openDay = days[1];
        for (var i = 0; i < openDay.Count && i < 3; i++)
        {
            var visit = openDay[i];
            var at = visit.EndsAt.AddMinutes(5);
            var invoice = Invoice.ForVisit(visit, Describe(visit), servicesTax, currency, deskUserId, at);
            switch (i)
            {
                case 0:
                    var line = invoice.AddRetail(sunscreen, 2, retailTax, visit.ProviderId);
                    await IssueAsync(invoice, at);
                    var card = (await PayAsync(invoice, inv => inv.TakeCard(inv.Due, Visa, Guid.CreateVersion7(), Day(at), deskUserId, at.AddMinutes(1))))!;
                    var refundAt = at.AddHours(2);
                    var oneBottle = Money.Round(sunscreen.Price * (1m + (retailTax.RatePercent / 100m)));
                    var refund = invoice.Refund(card.Id, oneBottle, "One sunscreen returned unopened", line.Id, Guid.CreateVersion7(), Day(refundAt), deskUserId, refundAt);
                    db.StockEntries.Add(StockEntry.Returned(sunscreen.Id, 1, invoice.Id, deskUserId, refund[0].Reason!, refundAt));
                    await db.SaveChangesAsync(cancellationToken);
                    break;
                case 1:
                    await IssueAsync(invoice, at);
                    await PayAsync(invoice, inv => inv.TakeCash(inv.Due, Guid.CreateVersion7(), Day(at), deskUserId, at.AddMinutes(1)));
                    break;
                default:
                    await IssueAsync(invoice, at);
                    await PayAsync(invoice, inv => inv.TakeCash(Money.Round(inv.Due / 2m), Guid.CreateVersion7(), Day(at), deskUserId, at.AddMinutes(1)));
                    break;
            }
        }

        async Task IssueAsync(Invoice invoice, DateTimeOffset at)
        {
            db.Invoices.Add(invoice);
            invoice.Issue(Day(at), deskUserId, at);
            db.StockEntries.AddRange(invoice.Lines.Where(l => l.RetailItemId is not null)
                .Select(l => StockEntry.Sold(l.RetailItemId!.Value, l.Quantity, invoice.Id, deskUserId, at)));
            await db.SaveChangesAsync(cancellationToken);
        }

        // A consultation costs nothing: nothing to take.
        async Task<LedgerEntry?> PayAsync(Invoice invoice, Func<Invoice, LedgerEntry> pay)
        {
            if (invoice.Due <= 0m)
            {
                return null;
            }

            var entry = pay(invoice);
            await db.SaveChangesAsync(cancellationToken);
            return entry;
        }
    }

    private LedgerDay Day(DateTimeOffset at) => new(zone.Today(at), false);

    private RetailItem Stocked(RetailItem item, int quantity, DateTimeOffset at)
    {
        db.RetailItems.Add(item);
        db.StockEntries.Add(StockEntry.Received(item, quantity, deskUserId, "Opening delivery", at));
        return item;
    }

    /// <summary>As the checkout names a visit's service line: the service and the areas booked.</summary>
    private static string Describe(Appointment visit)
    {
        var areas = string.Join(", ", visit.BodyAreas.OrderBy(a => a.SortOrder).Select(a => a.Name));
        var text = areas.Length == 0 ? visit.Service!.Name : $"{visit.Service!.Name} · {areas}";
        return text.Length > InvoiceLine.DescriptionLength ? text[..(InvoiceLine.DescriptionLength - 1)] + "…" : text;
    }
}
