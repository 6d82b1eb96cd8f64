using System.Globalization;
using System.Text.RegularExpressions;
using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Bench;

/// <summary>
/// The generated money adds up (issue #17): for a few invoices of each kind (a tip split between two providers, retail,
/// cash with change, two tenders, one left open) the sums of the ledger's rows, the product's own Invoice read from them
/// (what its lines come to equals what was issued, to the cent) and the invoice page (state, paid, still due) all say the
/// same; yesterday's day close shows the cash and the tenders the rows hold (the product's Ledger.SummarizeAsync and
/// the page); every invoice issued yesterday was paid that day (the day's payments equal its charges); no stock is
/// below zero. Prints one line, or every difference found (and fails).
/// </summary>
internal static partial class MoneyCheck
{
    public static async Task<int> RunAsync(Uri app, string connectionString)
    {
        var zone = new ClinicTimeZone(ChainData.TimeZone);
        var yesterday = zone.Today(DateTimeOffset.UtcNow).AddDays(-1);
        var failures = new List<string>();
        void Expect(bool ok, string what)
        {
            if (!ok)
            {
                failures.Add(what);
            }
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var picks = new (string Kind, string Sql)[]
        {
            ("a tip split between two providers", "SELECT invoice_id FROM invoice_lines WHERE kind = 'Tip' GROUP BY invoice_id HAVING count(*) = 2 ORDER BY invoice_id LIMIT 1"),
            ("retail", "SELECT invoice_id FROM invoice_lines WHERE kind = 'Retail' GROUP BY invoice_id HAVING count(*) = 2 ORDER BY invoice_id LIMIT 1"),
            ("cash with change", "SELECT invoice_id FROM ledger_entries WHERE change_given > 0 ORDER BY invoice_id LIMIT 1"),
            ("two tenders", "SELECT invoice_id FROM ledger_entries WHERE kind = 'Payment' GROUP BY invoice_id HAVING count(*) = 2 ORDER BY invoice_id LIMIT 1"),
            ("issued and open", "SELECT id FROM invoices i WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.invoice_id = i.id AND e.kind = 'Payment') ORDER BY id LIMIT 1"),
        };

        var options = new DbContextOptionsBuilder<MicroSpaDbContext>();
        options.UseMicroSpaDatabase(connectionString);
        await using var db = new MicroSpaDbContext(options.Options);
        using var desk = await Measure.SignInAsync(app, ChainData.FrontDeskEmail, twoFactor: true);
        foreach (var (kind, sql) in picks)
        {
            await using var pick = new NpgsqlCommand(sql, connection);
            if (await pick.ExecuteScalarAsync() is not Guid id)
            {
                failures.Add($"No generated invoice with {kind}.");
                continue;
            }

            // The ledger's rows, summed as decision 032 says: total = issued − credits − voids, due = total − payments + refunds.
            await using var sums = new NpgsqlCommand("""
                SELECT coalesce(sum(amount) FILTER (WHERE kind = 'Issued'), 0) - coalesce(sum(amount) FILTER (WHERE kind IN ('Credit', 'Void')), 0),
                       coalesce(sum(amount) FILTER (WHERE kind = 'Payment'), 0), coalesce(sum(amount) FILTER (WHERE kind = 'Refund'), 0)
                FROM ledger_entries WHERE invoice_id = $1
                """, connection);
            sums.Parameters.Add(new NpgsqlParameter { Value = id });
            decimal total, paid, refunded;
            await using (var reader = await sums.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                (total, paid, refunded) = (reader.GetDecimal(0), reader.GetDecimal(1), reader.GetDecimal(2));
            }

            var due = total - paid + refunded;
            var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Entries).AsSplitQuery().SingleAsync(i => i.Id == id);
            var expectedState = due == 0m ? InvoiceState.Paid : InvoiceState.Open;
            Expect(invoice.LinesTotal == invoice.Charged, $"Invoice with {kind}: its lines come to {invoice.LinesTotal} but {invoice.Charged} was issued.");
            Expect(invoice.Total == total && invoice.Paid == paid && invoice.Due == due,
                $"Invoice with {kind}: the product reads total {invoice.Total}, paid {invoice.Paid}, due {invoice.Due}; the rows say {total}, {paid}, {due}.");
            Expect(invoice.State == expectedState, $"Invoice with {kind}: the product says {invoice.State}, expected {expectedState}.");

            var page = await desk.GetStringAsync($"/checkout/invoices/{id}");
            var shownState = StatePattern().Match(page).Groups[1].Value.Trim();
            Expect(shownState == (expectedState == InvoiceState.Paid ? "Paid" : "Open"), $"Invoice with {kind}: the page shows the state '{shownState}'.");
            Expect(Digits(Field(page, "invoice-paid")) == Digits(paid), $"Invoice with {kind}: the page shows paid '{Field(page, "invoice-paid")}', the rows {paid}.");
            Expect(Digits(Field(page, "invoice-due")) == Digits(due), $"Invoice with {kind}: the page shows due '{Field(page, "invoice-due")}', the rows {due}.");
            Expect(Digits(Field(page, "invoice-total")) == Digits(total), $"Invoice with {kind}: the page shows total '{Field(page, "invoice-total")}', the rows {total}.");
        }

        // Yesterday: every visit checked out and paid that day.
        await using var day = new NpgsqlCommand("""
            SELECT coalesce(sum(amount) FILTER (WHERE kind = 'Issued'), 0), coalesce(sum(amount) FILTER (WHERE kind = 'Payment'), 0),
                   coalesce(sum(amount) FILTER (WHERE kind = 'Payment' AND tender = 'Cash'), 0), count(*) FILTER (WHERE kind = 'Issued')
            FROM ledger_entries WHERE clinic_day = $1
            """, connection);
        day.Parameters.Add(new NpgsqlParameter { Value = yesterday });
        decimal issued, payments, cash;
        long invoices;
        await using (var reader = await day.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (issued, payments, cash, invoices) = (reader.GetDecimal(0), reader.GetDecimal(1), reader.GetDecimal(2), reader.GetInt64(3));
        }

        var summary = await new Ledger(db, zone, TimeProvider.System).SummarizeAsync(yesterday, CancellationToken.None);
        Expect(invoices > 0, $"No invoice was issued on {yesterday:yyyy-MM-dd}.");
        Expect(issued == payments, $"On {yesterday:yyyy-MM-dd} {issued} was issued and {payments} paid.");
        Expect(summary.Issued == issued && summary.Payments == payments && summary.ExpectedCash == cash,
            $"The product's day summary of {yesterday:yyyy-MM-dd} says issued {summary.Issued}, paid {summary.Payments}, cash {summary.ExpectedCash}; the rows {issued}, {payments}, {cash}.");
        Expect(summary.Providers.Sum(p => p.Services + p.Retail + p.Tips) + (await TaxesAsync(connection, yesterday)) == issued,
            $"The providers' totals of {yesterday:yyyy-MM-dd} and the taxes do not add up to what was issued ({issued}).");
        var closePage = await desk.GetStringAsync($"/day-close?day={yesterday:yyyy-MM-dd}");
        var shownCash = ExpectedCashPattern().Match(closePage).Groups[1].Value;
        Expect(Digits(shownCash) == Digits(cash), $"The day close of {yesterday:yyyy-MM-dd} shows expected cash '{shownCash}', the rows {cash}.");

        await using var stock = new NpgsqlCommand("SELECT count(*) FROM (SELECT retail_item_id FROM stock_entries GROUP BY retail_item_id HAVING sum(quantity_change) < 0) s", connection);
        Expect((long)(await stock.ExecuteScalarAsync())! == 0, "A retail item's stock is below zero.");

        if (failures.Count > 0)
        {
            foreach (var failure in failures)
            {
                Console.Error.WriteLine($"Money check: {failure}");
            }

            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Money check: {picks.Length} invoices (tip split, retail, cash with change, two tenders, open) read the same from the ledger's rows, the product's Invoice and the invoice page; " +
            $"{yesterday:yyyy-MM-dd}: {invoices} invoices, {issued:N2} issued = {payments:N2} paid, expected cash {cash:N2} on the day close page and in the product's summary; no stock below zero."));
        return 0;
    }

    /// <summary>The taxes of the invoices issued on the day, per invoice, class and rate, rounded once each (as Invoice.Taxes).</summary>
    private static async Task<decimal> TaxesAsync(NpgsqlConnection connection, DateOnly day)
    {
        await using var command = new NpgsqlCommand("""
            SELECT coalesce(sum(round(base * rate / 100, 2)), 0) FROM (
              SELECT l.invoice_id, l.tax_kind, l.tax_rate_percent AS rate, sum(l.unit_price * l.quantity - l.discount_amount) AS base
              FROM invoice_lines l JOIN ledger_entries e ON e.invoice_id = l.invoice_id AND e.kind = 'Issued' AND e.clinic_day = $1
              WHERE l.tax_kind IS NOT NULL GROUP BY l.invoice_id, l.tax_kind, l.tax_rate_percent) t
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = day });
        return (decimal)(await command.ExecuteScalarAsync())!;
    }

    private static string Field(string page, string id) => Regex.Match(page, $"id=\"{id}\">([^<]*)<").Groups[1].Value;

    private static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);

    private static string Digits(decimal amount) => Digits(amount.ToString("0.00", CultureInfo.InvariantCulture));

    [GeneratedRegex("id=\"invoice-state\"><span[^>]*>([^<]*)<")]
    private static partial Regex StatePattern();

    [GeneratedRegex("class=\"text-end expected-cash\">([^<]*)<")]
    private static partial Regex ExpectedCashPattern();
}
