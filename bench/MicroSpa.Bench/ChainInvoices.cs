using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using Npgsql;
using NpgsqlTypes;

namespace MicroSpa.Bench;

/// <summary>
/// The chain's money (issue #17): an invoice for every past completed visit, at the price it was booked at, with
/// retail lines (and their stock entries) on a third of them and a tip on one in four (one tip in five split with a
/// second provider). Each invoice is built and issued by the domain's own <see cref="Invoice"/> (the same lines,
/// taxes per class and rate, rounding and entries the checkout makes) and paid in cash (change given), by card or
/// part of each, dated on the visit's clinic day; the rows then go to PostgreSQL by binary COPY, in the order the
/// product's Ledger would have written them (oldest visit first: invoice numbers and entry sequences grow with
/// time). A fixed pool of visits older than yesterday (<see cref="OpenPool"/>, every fifth) is issued and left
/// unpaid: the checkout benchmark takes payment on them, each request a different invoice.
/// </summary>
internal static class ChainInvoices
{
    public const string Currency = "USD";
    public const decimal ServicesTaxPercent = 6.35m;
    public const decimal RetailTaxPercent = 8.875m;

    /// <summary>Issued invoices left open for the checkout benchmark (the same number at every scale).</summary>
    public const int OpenPool = 3000;

    private const int Batch = 10_000;
    private static readonly CardDetails[] Cards =
    [
        CardDetails.Require("Visa", "4242", "A1B2C3"), CardDetails.Require("Mastercard", "5454", "M77Q21"), CardDetails.Require("Amex", "0005", "X9Y8Z7"),
    ];

    /// <summary>A past visit as the checkout sees it: the service line's description and its price at booking.</summary>
    public sealed record Visit(Guid AppointmentId, Guid ClientId, Guid ServiceId, string Description, decimal Price, Guid ProviderId, DateTimeOffset EndsAt);

    public sealed record Written(int Paid, int Open, int WithRetail, int WithTip, int LedgerEntries);

    /// <summary>Writes the invoices of <c>visits</c> (the past completed ones, in any order).</summary>
    public static async Task<Written> WriteAsync(
        NpgsqlConnection connection, IReadOnlyList<Visit> visits, List<Guid> providers, IReadOnlyList<RetailItem> items,
        TaxClass servicesTax, TaxClass retailTax, Guid deskUserId, ClinicTimeZone zone, DateOnly today)
    {
        // Every fifth visit from two days ago back, up to the pool's size: yesterday stays fully paid (the day close reads it).
        var olderThanYesterday = visits.Where(v => zone.Today(v.EndsAt) < today.AddDays(-1)).OrderByDescending(v => v.EndsAt).ToList();
        var poolSize = Math.Min(OpenPool, olderThanYesterday.Count / 5);
        var open = olderThanYesterday.Where((_, i) => i % 5 == 0).Take(poolSize).Select(v => v.AppointmentId).ToHashSet();

        var random = new Random(17);
        var stock = new List<StockEntry>();
        int paid = 0, withRetail = 0, withTip = 0, entries = 0;
        var chronological = visits.OrderBy(v => v.EndsAt).ToList();
        for (var start = 0; start < chronological.Count; start += Batch)
        {
            var batch = new List<(Visit Visit, Invoice Invoice)>(Batch);
            foreach (var visit in chronological.Skip(start).Take(Batch))
            {
                var at = visit.EndsAt.AddMinutes(5);
                var day = new LedgerDay(zone.Today(at), false);
                var invoice = Invoice.WalkIn(visit.ClientId, Currency, deskUserId, at);
                invoice.AddAreas(visit.Description, visit.Price, visit.ProviderId, servicesTax);
                var n = start + batch.Count;
                if (n % 3 == 0)
                {
                    invoice.AddRetail(items[random.Next(items.Count)], random.Next(1, 3), retailTax, visit.ProviderId);
                    if (random.Next(4) == 0)
                    {
                        invoice.AddRetail(items[random.Next(items.Count)], 1, retailTax, visit.ProviderId);
                    }

                    withRetail++;
                }

                if (random.Next(4) == 0)
                {
                    var tip = Money.Round(invoice.Subtotal * (15 + random.Next(11)) / 100m);
                    var second = providers[(providers.IndexOf(visit.ProviderId) + 1 + random.Next(providers.Count - 1)) % providers.Count];
                    invoice.AddTip(tip, random.Next(5) == 0 ? [visit.ProviderId, second] : [visit.ProviderId]);
                    withTip++;
                }

                invoice.Issue(day, deskUserId, at);
                stock.AddRange(invoice.Lines.Where(l => l.RetailItemId is not null)
                    .Select(l => StockEntry.Sold(l.RetailItemId!.Value, l.Quantity, invoice.Id, deskUserId, at)));
                if (!open.Contains(visit.AppointmentId))
                {
                    var paidAt = at.AddMinutes(1);
                    var roll = random.Next(10);
                    if (roll < 3)
                    {
                        invoice.TakeCash(Math.Ceiling(invoice.Due / 20m) * 20m, Guid.CreateVersion7(), day, deskUserId, paidAt);
                    }
                    else if (roll < 9 || invoice.Due <= 50m)
                    {
                        invoice.TakeCard(invoice.Due, Cards[random.Next(Cards.Length)], Guid.CreateVersion7(), day, deskUserId, paidAt);
                    }
                    else
                    {
                        invoice.TakeCash(50m, Guid.CreateVersion7(), day, deskUserId, paidAt);
                        invoice.TakeCard(invoice.Due, Cards[random.Next(Cards.Length)], Guid.CreateVersion7(), day, deskUserId, paidAt.AddMinutes(1));
                    }

                    paid++;
                }

                entries += invoice.Entries.Count;
                batch.Add((visit, invoice));
            }

            await WriteBatchAsync(connection, batch);
        }

        await WriteStockAsync(connection, stock, items, deskUserId, zone);
        return new Written(paid, open.Count, withRetail, withTip, entries);
    }

    private static async Task WriteBatchAsync(NpgsqlConnection connection, List<(Visit Visit, Invoice Invoice)> batch)
    {
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY invoices (id, currency, client_id, appointment_id, opened_by, opened_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (visit, invoice) in batch)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(invoice.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(invoice.Currency, NpgsqlDbType.Char);
                await copy.WriteAsync(invoice.ClientId!.Value, NpgsqlDbType.Uuid);
                await copy.WriteAsync(visit.AppointmentId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(invoice.OpenedBy, NpgsqlDbType.Uuid);
                await copy.WriteAsync(invoice.OpenedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY invoice_lines (id, invoice_id, kind, description, unit_price, quantity, provider_id, service_id, retail_item_id, tax_kind,
                                tax_rate_percent, discount_kind, discount_value, discount_amount, discount_reason) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var (visit, invoice) in batch)
            {
                foreach (var line in invoice.Lines)
                {
                    // The visit's first line is its service (a walk-in's "areas" line in the domain's terms, with the same tax and price).
                    var isService = line.Kind == LineKind.Area;
                    await copy.StartRowAsync();
                    await copy.WriteAsync(line.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(invoice.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync((isService ? LineKind.Service : line.Kind).ToString(), NpgsqlDbType.Varchar);
                    await copy.WriteAsync(line.Description, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(line.UnitPrice, NpgsqlDbType.Numeric);
                    await copy.WriteAsync(line.Quantity, NpgsqlDbType.Integer);
                    await WriteAsync(copy, line.ProviderId);
                    await WriteAsync(copy, isService ? visit.ServiceId : null);
                    await WriteAsync(copy, line.RetailItemId);
                    await WriteAsync(copy, line.TaxKind?.ToString());
                    await copy.WriteAsync(line.TaxRatePercent, NpgsqlDbType.Numeric);
                    await WriteAsync(copy, line.DiscountKind?.ToString());
                    await WriteAsync(copy, line.DiscountValue);
                    await copy.WriteAsync(line.DiscountAmount, NpgsqlDbType.Numeric);
                    await WriteAsync(copy, line.DiscountReason);
                }
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY ledger_entries (id, invoice_id, kind, tender, amount, currency, at, clinic_day, by_user_id, submission_id, cash_tendered, change_given,
                                 card_brand, card_last_four, approval_code, reference, refund_of_id, invoice_line_id, reason) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var (_, invoice) in batch)
            {
                foreach (var entry in invoice.Entries)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(entry.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(entry.InvoiceId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(entry.Kind.ToString(), NpgsqlDbType.Varchar);
                    await WriteAsync(copy, entry.Tender?.ToString());
                    await copy.WriteAsync(entry.Amount, NpgsqlDbType.Numeric);
                    await copy.WriteAsync(entry.Currency, NpgsqlDbType.Char);
                    await copy.WriteAsync(entry.At.UtcDateTime, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(entry.ClinicDay, NpgsqlDbType.Date);
                    await copy.WriteAsync(entry.ByUserId, NpgsqlDbType.Uuid);
                    await WriteAsync(copy, entry.SubmissionId);
                    await WriteAsync(copy, entry.CashTendered);
                    await WriteAsync(copy, entry.ChangeGiven);
                    await WriteAsync(copy, entry.CardBrand);
                    await WriteAsync(copy, entry.CardLastFour, NpgsqlDbType.Char);
                    await WriteAsync(copy, entry.ApprovalCode);
                    await WriteAsync(copy, entry.Reference);
                    await WriteAsync(copy, entry.RefundOfId);
                    await WriteAsync(copy, entry.InvoiceLineId);
                    await WriteAsync(copy, entry.Reason);
                }
            }

            await copy.CompleteAsync();
        }
    }

    /// <summary>The sales' stock entries, and a delivery at the start of every month of what that month sold and a dozen more.</summary>
    private static async Task WriteStockAsync(NpgsqlConnection connection, List<StockEntry> sold, IReadOnlyList<RetailItem> items, Guid deskUserId, ClinicTimeZone zone)
    {
        var deliveries = sold
            .GroupBy(s => (s.RetailItemId, Month: new DateOnly(zone.Today(s.At).Year, zone.Today(s.At).Month, 1)))
            .OrderBy(g => g.Key.Month)
            .Select(g => StockEntry.Received(items.Single(i => i.Id == g.Key.RetailItemId), -g.Sum(s => s.QuantityChange) + 12, deskUserId, "Monthly delivery",
                zone.ToInstant(g.Key.Month, new TimeOnly(7, 0))!.Value))
            .ToList();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY stock_entries (id, retail_item_id, kind, quantity_change, counted_quantity, invoice_id, by_user_id, reason, at) FROM STDIN (FORMAT BINARY)");
        foreach (var entry in deliveries.Concat(sold))
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(entry.Id, NpgsqlDbType.Uuid);
            await copy.WriteAsync(entry.RetailItemId, NpgsqlDbType.Uuid);
            await copy.WriteAsync(entry.Kind.ToString(), NpgsqlDbType.Varchar);
            await copy.WriteAsync(entry.QuantityChange, NpgsqlDbType.Integer);
            await WriteAsync(copy, entry.CountedQuantity);
            await WriteAsync(copy, entry.InvoiceId);
            await copy.WriteAsync(entry.ByUserId, NpgsqlDbType.Uuid);
            await WriteAsync(copy, entry.Reason);
            await copy.WriteAsync(entry.At.UtcDateTime, NpgsqlDbType.TimestampTz);
        }

        await copy.CompleteAsync();
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter copy, Guid? value)
    {
        if (value is { } v)
        {
            await copy.WriteAsync(v, NpgsqlDbType.Uuid);
        }
        else
        {
            await copy.WriteNullAsync();
        }
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter copy, decimal? value)
    {
        if (value is { } v)
        {
            await copy.WriteAsync(v, NpgsqlDbType.Numeric);
        }
        else
        {
            await copy.WriteNullAsync();
        }
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter copy, int? value)
    {
        if (value is { } v)
        {
            await copy.WriteAsync(v, NpgsqlDbType.Integer);
        }
        else
        {
            await copy.WriteNullAsync();
        }
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type = NpgsqlDbType.Varchar)
    {
        if (value is not null)
        {
            await copy.WriteAsync(value, type);
        }
        else
        {
            await copy.WriteNullAsync();
        }
    }
}
