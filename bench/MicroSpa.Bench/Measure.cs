using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using Npgsql;

namespace MicroSpa.Bench;

/// <summary>One measured path in one run: what a line of the results file holds.</summary>
internal sealed record Measurement(
    string Scale, string Setup, string Target, string Path, int Run, int Concurrency, long Requests, double Seconds,
    double RequestsPerSecond, double P50, double P95, double P99, long Errors, double PeakMemoryMb, long SeqScans);

/// <summary>
/// Drives the real app over HTTP on loopback, path by path, and the raw-Npgsql limit beside it with the
/// same requests; samples the app's memory and counts the sequential scans PostgreSQL did on the big
/// tables while each path ran. Appends one JSON line per path to the results file.
/// </summary>
internal static partial class Measure
{
    public const string BookingPath = "Booking POST (front desk)";
    public const string CheckoutPath = "Checkout POST, a payment (4 desks)";
    public const string DayClosePath = "Day close, yesterday (about 86 invoices)";
    public const string DayReportPath = "End-of-day report, yesterday";
    public const string ReceiptsPath = "A client's receipts list";
    public const string ReportMonthPath = "Money report, one month by day (on the standby)";
    public const string ReportYearPath = "Money report, 12 months by month (on the standby)";

    /// <summary>The client's receipts (issue #17): measured once the product has the page.</summary>
    public const string ReceiptsUrl = "/my/appointments/receipts";

    /// <summary>The paths of issue #17, which <c>BENCH_PATHS=money</c> measures alone.</summary>
    public static readonly string[] MoneyPaths = [CheckoutPath, DayClosePath, DayReportPath, ReceiptsPath, ReportMonthPath, ReportYearPath];

    /// <summary>Checkout payments per load: the open invoices are a fixed pool (ChainInvoices.OpenPool), each paid once.</summary>
    private const int PaymentsPerLoad = 300;

    private static readonly string[] BigTables =
        ["clients", "appointments", "appointment_body_areas", "treatment_records", "charted_areas", "invoices", "invoice_lines", "ledger_entries", "stock_entries"];

    public static async Task<int> RunAsync(
        Uri app, Uri? limit, string connectionString, string scale, string setup, int run, int seconds, int concurrency, string resultsFile, int[] pids)
    {
        var zone = new ClinicTimeZone(ChainData.TimeZone);
        var today = zone.Today(DateTimeOffset.UtcNow);
        var tomorrow = today.AddDays(1);
        Guid treatmentId;
        List<Guid> charts, accountClients;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            treatmentId = (await IdsAsync(connection, $"SELECT id FROM services WHERE name = '{ChainData.TreatmentName}'")).Single();
            charts = await IdsAsync(connection, "SELECT id FROM treatment_records ORDER BY id LIMIT 200");
            accountClients = await IdsAsync(connection, "SELECT id FROM clients WHERE user_id IS NOT NULL ORDER BY email");
        }

        using var anonymous = new HttpClient { BaseAddress = app };
        using var desk = await SignInAsync(app, ChainData.FrontDeskEmail, twoFactor: true);
        using var nurse = await SignInAsync(app, ChainData.NurseEmail, twoFactor: true);
        var clients = new List<HttpClient>();
        for (var i = 0; i < ChainData.ClientAccounts; i++)
        {
            clients.Add(await SignInAsync(app, ChainData.ClientEmail(i), twoFactor: false));
        }

        using var limitClient = limit is null ? null : new HttpClient { BaseAddress = limit };
        var from = tomorrow;
        var to = tomorrow.AddDays(13);
        var (dayStart, dayEnd) = (zone.ToInstant(tomorrow, TimeOnly.MinValue)!.Value, zone.ToInstant(tomorrow.AddDays(1), TimeOnly.MinValue)!.Value);
        string[] terms = ["okafor12", "client4711@", "555-0123", "rossi", "ava", "bennett3", "tanaka", "novak2"];
        var paths = new (string Name, Func<int, HttpRequestMessage> App, HttpClient[] Clients, Func<int, string>? Limit)[]
        {
            ("Availability API, 10 providers × 14 days", _ => Get($"/api/v1/availability?serviceId={treatmentId}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"), [anonymous],
                _ => $"/limit/availability?from={Iso(zone.ToInstant(from, TimeOnly.MinValue)!.Value)}&to={Iso(zone.ToInstant(to.AddDays(1), TimeOnly.MinValue)!.Value)}"),
            ("Front desk day view, 20 providers, 300 appointments", _ => Get($"/front-desk?date={tomorrow:yyyy-MM-dd}"), [desk],
                _ => $"/limit/day?from={Iso(dayStart)}&to={Iso(dayEnd)}"),
            ("Client search", i => Get($"/front-desk/clients?q={Uri.EscapeDataString(terms[i % terms.Length])}"), [desk],
                i => $"/limit/clients?q={Uri.EscapeDataString(terms[i % terms.Length])}"),
            ("A client's appointment list", _ => Get("/my/appointments"), [.. clients],
                i => $"/limit/client-appointments?clientId={accountClients[i % accountClients.Count]}"),
            ("Chart open", i => Get($"/provider/charts/{charts[i % charts.Count]}"), [nurse],
                i => $"/limit/chart?id={charts[i % charts.Count]}"),
        };

        // BENCH_PATHS: all (the default), core (the paths of issue #8), money (those of issue #17), deposit (issue 18's)
        // or reports (every report of issue 21, on the standby).
        var selected = Environment.GetEnvironmentVariable("BENCH_PATHS") ?? "all";
        var core = selected is "all" or "core";
        var results = new List<Measurement>();
        if (selected == "reports")
        {
            results.AddRange(await ReportsAsync(connectionString, scale, setup, run, seconds, pids, desk));
        }

        if (selected is "all" or "money")
        {
            results.AddRange(await MoneyAsync(app, connectionString, scale, setup, run, seconds, concurrency, pids, desk, clients));
        }

        // Each path twice: one request at a time for its latency (what one person waits), then with
        // `concurrency` requests in flight for the throughput the machine gives (and the same for the limit).
        foreach (var path in core ? paths : [])
        {
            var scansBefore = await SeqScansAsync(connectionString);
            var alone = await LoadAsync(path.Clients, path.App, seconds, 1, pids);
            var busy = await LoadAsync(path.Clients, path.App, seconds, concurrency, pids);
            await Task.Delay(1200); // PostgreSQL publishes its table statistics within a second.
            var scans = await SeqScansAsync(connectionString) - scansBefore;
            results.Add(alone.ToMeasurement(scale, setup, "app", path.Name, run, 1, 0));
            results.Add(busy.ToMeasurement(scale, setup, "app", path.Name, run, concurrency, scans));
            if (limitClient is not null && path.Limit is { } limitPath)
            {
                var limitMeasured = await LoadAsync([limitClient], i => Get(limitPath(i)), seconds, concurrency, []);
                results.Add(limitMeasured.ToMeasurement(scale, setup, "limit", path.Name, run, concurrency, 0));
            }
        }

        // Bookings: front desk POSTs into times that are free (rooms 5-8 and the providers not busy that hour),
        // every request a different slot and client, so each one should be booked. Three days of slots per load.
        var token = core ? await FrontDeskBench.TokenAsync(desk) : string.Empty;
        var consultation = await SingleIdAsync(connectionString, $"SELECT id FROM services WHERE name = '{ChainData.ConsultationName}'");
        var providers = await IdsAsync(connectionString, "SELECT id FROM providers ORDER BY display_name LIKE 'Nurse%' DESC, display_name");
        var bookingClients = await IdsAsync(connectionString, "SELECT id FROM clients WHERE user_id IS NULL ORDER BY id LIMIT 5000");
        foreach (var (inFlight, load) in core ? new[] { (1, 0), (Math.Max(1, concurrency / 2), 1) } : [])
        {
            var bookingScans = await SeqScansAsync(connectionString);
            var block = (2 * (run - 1 + (setup == "direct" ? 0 : 3))) + load;
            var firstDay = today.AddDays(15 + (3 * block));
            var bookings = await LoadAsync([desk], i =>
            {
                // 192 a day: 12 hours × 4 quarters × 4 free rooms; in each quarter four providers not busy that hour.
                var day = firstDay.AddDays(i / 192);
                var hour = i % 192 / 16;
                var quarter = i % 16 / 4;
                var providerIndex = FreeProvider(hour, (quarter * 4) + (i % 4));
                var start = zone.ToInstant(day, new TimeOnly(8 + hour, 15 * quarter))!.Value;
                return new HttpRequestMessage(HttpMethod.Post, "/front-desk/book")
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["ClientId"] = bookingClients[((block * 600) + i) % bookingClients.Count].ToString(), ["ServiceId"] = consultation.ToString(),
                        ["ProviderId"] = providers[providerIndex].ToString(), ["start"] = Iso(start), ["OverrideInterval"] = "true",
                        ["__RequestVerificationToken"] = token,
                    }),
                };
            }, seconds, inFlight, pids, response => response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location?.OriginalString.StartsWith("/front-desk/appointments/", StringComparison.Ordinal) == true,
                maxRequests: 3 * 192);
            await Task.Delay(1200);
            results.Add(bookings.ToMeasurement(scale, setup, "app", BookingPath, run, inFlight, await SeqScansAsync(connectionString) - bookingScans));
        }

        // Booking with a deposit books into days of its own, after the other paths (its held and booked visits change none of theirs).
        long depositErrors = 0;
        if (selected is "all" or "deposit" && setup == "direct")
        {
            depositErrors = await DepositAsync(app, connectionString, scale, run, seconds, clients, resultsFile);
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }

        await using (var file = File.AppendText(resultsFile))
        {
            foreach (var result in results)
            {
                await file.WriteLineAsync(JsonSerializer.Serialize(result));
            }
        }

        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Scale,-6} {r.Setup,-7} {r.Target,-5} {r.Path,-52} {r.RequestsPerSecond,7:0} req/s  p50 {r.P50,6:0.0}  p95 {r.P95,6:0.0}  p99 {r.P99,6:0.0} ms  errors {r.Errors}  peak {r.PeakMemoryMb:0} MB  seq scans {r.SeqScans}"));
        }

        return results.Sum(r => r.Errors) + depositErrors == 0 ? 0 : 1;
    }

    /// <summary>
    /// Asks for the same availability and the same day view (signed in through each) many times from a
    /// direct instance and through the balancer (which alternates instances): every answer must be equal.
    /// </summary>
    public static async Task<int> SameAsync(Uri direct, Uri balanced, string connectionString)
    {
        var zone = new ClinicTimeZone(ChainData.TimeZone);
        var from = zone.Today(DateTimeOffset.UtcNow).AddDays(1);
        var treatmentId = await SingleIdAsync(connectionString, $"SELECT id FROM services WHERE name = '{ChainData.TreatmentName}'");
        var availability = $"/api/v1/availability?serviceId={treatmentId}&from={from:yyyy-MM-dd}&to={from.AddDays(13):yyyy-MM-dd}";
        using var one = new HttpClient { BaseAddress = direct };
        using var two = new HttpClient { BaseAddress = balanced };
        var expected = await one.GetStringAsync(availability);
        var asked = 0;
        var different = 0;
        for (var i = 0; i < 20; i++)
        {
            asked++;
            if (await two.GetStringAsync(availability) != expected)
            {
                different++;
            }
        }

        // Signed in through the balancer: the cookie one instance issued is read by the other (keys in PostgreSQL).
        using var desk = await SignInAsync(balanced, ChainData.FrontDeskEmail, twoFactor: true);
        var dayViews = 0;
        for (var i = 0; i < 20; i++)
        {
            using var response = await desk.GetAsync($"/front-desk?date={from:yyyy-MM-dd}");
            dayViews += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Same results through nginx: {asked - different} of {asked} availability answers identical to a direct instance's ({expected.Length:N0} bytes each); " +
            $"{dayViews} of 20 signed-in day views answered 200 with the session alternating between the instances."));
        return different == 0 && dayViews == 20 ? 0 : 1;
    }

    /// <summary>In hour h the future data keeps nurses 2h, 2h+1 and estheticians 2h+2, 2h+3 (mod 10) busy; these are the others.</summary>
    private static int FreeProvider(int hour, int n)
    {
        var busy = new HashSet<int> { (2 * hour) % 10, ((2 * hour) + 1) % 10, 10 + (((2 * hour) + 2) % 10), 10 + (((2 * hour) + 3) % 10) };
        return Enumerable.Range(0, 20).Where(p => !busy.Contains(p)).ElementAt(n);
    }

    private static string Iso(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    /// <summary>
    /// One path, signed in as `desk`, `nurse` or a client's email, for the given time: for profiling a page
    /// (run dotnet-trace on the app meanwhile). Prints what measure prints for a path.
    /// </summary>
    public static async Task<int> HammerAsync(Uri app, string who, string path, int seconds, int concurrency)
    {
        using var client = who switch
        {
            "desk" => await SignInAsync(app, ChainData.FrontDeskEmail, twoFactor: true),
            "nurse" => await SignInAsync(app, ChainData.NurseEmail, twoFactor: true),
            _ => await SignInAsync(app, who, twoFactor: false),
        };
        var measured = await LoadAsync([client], _ => Get(path), seconds, concurrency, []);
        var m = measured.ToMeasurement("-", "-", "app", path, 1, concurrency, 0);
        Console.WriteLine($"{path}: {m.RequestsPerSecond:0} req/s  p50 {m.P50:0.0}  p95 {m.P95:0.0}  p99 {m.P99:0.0} ms  errors {m.Errors}");
        return m.Errors == 0 ? 0 : 1;
    }

    private sealed record Measured(long Requests, double Seconds, List<double> Latencies, long Errors, double PeakMemoryMb)
    {
        public Measurement ToMeasurement(string scale, string setup, string target, string path, int run, int concurrency, long scans)
        {
            Latencies.Sort();
            double P(double q) => Latencies.Count == 0 ? 0 : Latencies[Math.Min(Latencies.Count - 1, Math.Max(0, (int)Math.Ceiling(q * Latencies.Count) - 1))];
            return new Measurement(scale, setup, target, path, run, concurrency, Requests, Seconds, Requests / Seconds, P(0.50), P(0.95), P(0.99), Errors, PeakMemoryMb, scans);
        }
    }

    private static async Task<Measured> LoadAsync(
        HttpClient[] clients, Func<int, HttpRequestMessage> request, int seconds, int concurrency, int[] pids,
        Func<HttpResponseMessage, bool>? succeeded = null, int maxRequests = int.MaxValue)
    {
        succeeded ??= response => response.IsSuccessStatusCode;
        var warm = Math.Min(20, maxRequests == int.MaxValue ? 20 : 0);
        for (var i = 0; i < warm; i++)
        {
            using var response = await clients[i % clients.Length].SendAsync(request(i));
            await response.Content.ReadAsByteArrayAsync();
        }

        var latencies = new List<double>[concurrency];
        long errors = 0;
        var next = -1;
        using var sampling = new CancellationTokenSource();
        var peak = Task.Run(() => PeakMemoryAsync(pids, sampling.Token));
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            latencies[worker] = [];
            while (stop.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                var i = Interlocked.Increment(ref next);
                if (i >= maxRequests)
                {
                    break;
                }

                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await clients[i % clients.Length].SendAsync(request(i));
                    var body = await response.Content.ReadAsStringAsync();
                    if (!succeeded(response) && Interlocked.Increment(ref errors) <= 3)
                    {
                        // The first few failures, as the page says them (field messages), to find the cause.
                        var said = string.Join(" | ", MessagePattern().Matches(body).Select(m => m.Groups[1].Value.Trim()).Where(t => t.Length > 0).Take(3));
                        Console.Error.WriteLine($"  failed: {(int)response.StatusCode} {response.RequestMessage?.RequestUri?.PathAndQuery} {response.Headers.Location} {said}");
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var elapsed = stop.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        var all = latencies.SelectMany(l => l).ToList();
        return new Measured(all.Count, elapsed, all, errors, await peak);
    }

    /// <summary>The largest resident set of the app's processes (summed) seen while the path ran, in MB.</summary>
    private static async Task<double> PeakMemoryAsync(int[] pids, CancellationToken cancellationToken)
    {
        double peak = 0;
        while (!cancellationToken.IsCancellationRequested && pids.Length > 0)
        {
            double total = 0;
            foreach (var pid in pids)
            {
                try
                {
                    var line = (await File.ReadAllLinesAsync($"/proc/{pid}/status", CancellationToken.None)).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                    if (line is not null)
                    {
                        total += double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
                    }
                }
                catch (IOException)
                {
                }
            }

            peak = Math.Max(peak, total);
            try
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return peak;
    }

    private static async Task<long> SeqScansAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(sum(seq_scan), 0)::bigint FROM pg_stat_user_tables WHERE relname = ANY($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = BigTables });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A session of the generated data's accounts (they share one password).</summary>
    public static async Task<HttpClient> SignInAsync(Uri baseUrl, string email, bool twoFactor) =>
        await SignInAsync(baseUrl, email, ChainData.Password, twoFactor);

    /// <summary>A signed-in session: password, and for staff the authenticator code the bench computes.</summary>
    public static async Task<HttpClient> SignInAsync(Uri baseUrl, string email, string password, bool twoFactor)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseUrl };
        var page = await http.GetStringAsync("/account/sign-in");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = TokenPattern().Match(page).Groups[1].Value,
        });
        var passwordStep = await http.PostAsync("/account/sign-in", form);
        if (passwordStep.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)passwordStep.StatusCode}");
        }

        if (twoFactor)
        {
            // A code works once per account: when another session of this account used the current one, the
            // next codes (still inside the accepted window) are typed, and after those the bench waits for a new one.
            var codePage = await http.GetStringAsync("/account/two-factor");
            HttpResponseMessage signedIn;
            var attempt = 0;
            do
            {
                if (attempt > 0 && attempt % 3 == 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(30));
                }

                using var code = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Code"] = Rfc6238.Code(FrontDeskBench.AuthenticatorKey, DateTimeOffset.UtcNow.AddSeconds(30 * (attempt % 3))),
                    ["__RequestVerificationToken"] = TokenPattern().Match(codePage).Groups[1].Value,
                });
                signedIn = await http.PostAsync("/account/two-factor", code);
                attempt++;
            }
            while (signedIn.StatusCode == HttpStatusCode.OK && attempt < 6);

            if (signedIn.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Two-factor sign-in of {email} failed: {(int)signedIn.StatusCode}");
            }
        }

        return http;
    }

    private static async Task<Guid> SingleIdAsync(string connectionString, string sql) => (await IdsAsync(connectionString, sql)).Single();

    private static async Task<List<Guid>> IdsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await IdsAsync(connection, sql);
    }

    private static async Task<List<Guid>> IdsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("class=\"[^\"]*(?:field-validation-error|validation-summary-errors|alert-danger|invalid-feedback)[^\"]*\"[^>]*>(?:<[^>]+>)*([^<]+)")]
    private static partial Regex MessagePattern();
}
