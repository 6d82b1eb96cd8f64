using System.Globalization;
using System.Net;
using MicroSpa.Domain.Scheduling;
using Npgsql;

namespace MicroSpa.Bench;

/// <summary>
/// The money paths of issue #17, measured as the others (one request at a time for latency, then several in flight,
/// errors counted): the day close and the end-of-day report of yesterday (a full day of the generated chain), a client's
/// receipts list, and checkout payments by four desks at once, each request taking payment on a different invoice of
/// the generated open pool (cash for the amount due or a card for it, alternately). A payment counts only when the app
/// answers with the invoice's page and the ledger then holds it: the bench counts the payments afterwards. And the money
/// report of issue 21, one month by day and the last 12 whole months by month, read by the app from the hot standby the
/// suite streams (ConnectionStrings__MicroSpaReadOnly; its sequential scans counted on the standby, BENCH_STANDBY).
/// </summary>
internal static partial class Measure
{
    private static async Task<List<Measurement>> MoneyAsync(
        Uri app, string connectionString, string scale, string setup, int run, int seconds, int concurrency, int[] pids, HttpClient desk, List<HttpClient> clients)
    {
        var results = new List<Measurement>();
        var zone = new ClinicTimeZone(ChainData.TimeZone);
        var yesterday = zone.Today(DateTimeOffset.UtcNow).AddDays(-1);
        var lastMonth = new DateOnly(yesterday.Year, yesterday.Month, 1).AddMonths(-1);
        var yearFrom = lastMonth.AddMonths(-11);
        var standby = Environment.GetEnvironmentVariable("BENCH_STANDBY") is { Length: > 0 } onStandby ? onStandby : connectionString;
        var reads = new List<(string Name, Func<int, HttpRequestMessage> Request, HttpClient[] Clients, string Scans)>
        {
            (DayClosePath, _ => Get($"/day-close?day={yesterday:yyyy-MM-dd}"), [desk], connectionString),
            (DayReportPath, _ => Get($"/day-close/report?day={yesterday:yyyy-MM-dd}"), [desk], connectionString),
            (ReportMonthPath, _ => Get($"/admin/reports/money?From={lastMonth:yyyy-MM-dd}&To={lastMonth.AddMonths(1).AddDays(-1):yyyy-MM-dd}&By=day"), [desk], standby),
            (ReportYearPath, _ => Get($"/admin/reports/money?From={yearFrom:yyyy-MM-dd}&To={lastMonth.AddMonths(1).AddDays(-1):yyyy-MM-dd}&By=month"), [desk], standby),
        };
        using (var probe = await clients[0].GetAsync(ReceiptsUrl))
        {
            if (probe.StatusCode == HttpStatusCode.OK)
            {
                reads.Add((ReceiptsPath, _ => Get(ReceiptsUrl), [.. clients], connectionString));
            }
            else
            {
                Console.WriteLine($"{ReceiptsUrl} answered {(int)probe.StatusCode}: the receipts list is not in this build, not measured.");
            }
        }

        foreach (var (name, request, callers, scanned) in reads)
        {
            var scansBefore = await SeqScansAsync(scanned);
            var alone = await LoadAsync(callers, request, seconds, 1, pids);
            var busy = await LoadAsync(callers, request, seconds, concurrency, pids);
            await Task.Delay(1200);
            results.Add(alone.ToMeasurement(scale, setup, "app", name, run, 1, 0));
            results.Add(busy.ToMeasurement(scale, setup, "app", name, run, concurrency, await SeqScansAsync(scanned) - scansBefore));
        }

        // Checkout: 1 desk, then four (as many as the bookings' load; two in the tiny run), each its own account and session.
        var inFlight = Math.Clamp(concurrency / 2, 2, ChainData.Desks);
        var desks = new List<HttpClient> { desk };
        for (var i = 1; i < inFlight; i++)
        {
            desks.Add(await SignInAsync(app, ChainData.DeskEmail(i), twoFactor: true));
        }

        var tokens = new List<string>();
        foreach (var session in desks)
        {
            tokens.Add(await FrontDeskBench.TokenAsync(session));
        }

        // The open invoices are read once (that query scans the ledger) and left to PostgreSQL's statistics before the loads;
        // a few of them warm the payment path up first (as the reads' warm-up requests do).
        var open = await OpenInvoicesAsync(connectionString);
        var warm = open.Take(Math.Min(10, open.Count / 10)).ToList();
        open = [.. open.Skip(warm.Count)];
        var count = Math.Min(PaymentsPerLoad, open.Count / 2);
        await LoadAsync([desk], i => Payment(warm[i], i, tokens[0]), seconds, 1, [], Recorded, maxRequests: warm.Count);
        await Task.Delay(1200);
        foreach (var (load, slice) in new[] { (1, 0), (inFlight, 1) })
        {
            if (count == 0)
            {
                Console.Error.WriteLine("No open invoice left for the checkout benchmark: generate the data again.");
                results.Add(new Measurement(scale, setup, "app", CheckoutPath, run, load, 0, 0, 0, 0, 0, 0, 1, 0, 0));
                continue;
            }

            var scansBefore = await SeqScansAsync(connectionString);
            var taken = open.Skip(slice * count).Take(count).ToList();
            var pay = await LoadAsync([.. desks.Take(load)], i => Payment(taken[i], i, tokens[i % load]), seconds, load, pids, Recorded, maxRequests: count);
            await Task.Delay(1200);
            var scans = await SeqScansAsync(connectionString) - scansBefore;

            // What the ledger holds: every invoice asked for, paid once, for what was due.
            var answered = (int)pay.Requests;
            var recorded = await PaidAsync(connectionString, [.. taken.Take(answered).Select(t => t.Id)]);
            var missing = (answered - pay.Errors) - recorded;
            if (missing != 0)
            {
                Console.Error.WriteLine($"  checkout: {answered - pay.Errors} payments answered as taken, {recorded} invoices paid in full in the ledger");
            }

            results.Add((pay with { Errors = pay.Errors + Math.Abs(missing) })
                .ToMeasurement(scale, setup, "app", CheckoutPath, run, load, scans));
        }

        foreach (var extra in desks.Skip(1))
        {
            extra.Dispose();
        }

        return results;
    }

    /// <summary>Payment on one open invoice of what it owes: by card for even requests, in cash for odd ones, with the form's fields.</summary>
    private static HttpRequestMessage Payment((Guid Id, decimal Due) invoice, int i, string token)
    {
        var amount = invoice.Due.ToString("0.00", CultureInfo.InvariantCulture);
        var fields = i % 2 == 0
            ? new Dictionary<string, string> { ["CardAmount"] = amount, ["CardBrand"] = "Visa", ["CardLastFour"] = "4242", ["ApprovalCode"] = $"B{i:00000}" }
            : new Dictionary<string, string> { ["CashTendered"] = amount };
        fields["SubmissionId"] = Guid.NewGuid().ToString();
        fields["__RequestVerificationToken"] = token;
        return new HttpRequestMessage(HttpMethod.Post, $"/checkout/invoices/{invoice.Id}/{(i % 2 == 0 ? "card" : "cash")}") { Content = new FormUrlEncodedContent(fields) };
    }

    /// <summary>The app took the payment: it answers with the invoice's page (a refusal shows the form again).</summary>
    private static bool Recorded(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location?.OriginalString == $"/checkout/invoices/{response.RequestMessage!.RequestUri!.Segments[3].TrimEnd('/')}";

    /// <summary>Issued invoices with nothing paid yet, oldest first, with what is due.</summary>
    private static async Task<List<(Guid Id, decimal Due)>> OpenInvoicesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT i.id, e.amount FROM invoices i JOIN ledger_entries e ON e.invoice_id = i.id AND e.kind = 'Issued'
            WHERE NOT EXISTS (SELECT 1 FROM ledger_entries x WHERE x.invoice_id = i.id AND x.kind <> 'Issued')
            ORDER BY i.number
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var open = new List<(Guid, decimal)>();
        while (await reader.ReadAsync())
        {
            open.Add((reader.GetGuid(0), reader.GetDecimal(1)));
        }

        return open;
    }

    /// <summary>How many of the invoices hold exactly one payment, for what was issued.</summary>
    private static async Task<int> PaidAsync(string connectionString, Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*)::int FROM (
              SELECT e.invoice_id FROM ledger_entries e WHERE e.invoice_id = ANY($1)
              GROUP BY e.invoice_id
              HAVING count(*) FILTER (WHERE e.kind = 'Payment') = 1
                 AND sum(e.amount) FILTER (WHERE e.kind = 'Payment') = sum(e.amount) FILTER (WHERE e.kind = 'Issued')) p
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
