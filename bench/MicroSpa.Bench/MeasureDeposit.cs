using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MicroSpa.Domain.Scheduling;
using Npgsql;

namespace MicroSpa.Bench;

/// <summary>One step of the deposit path over a run: its requests' time, the provider's part of it and MicroSpa's share.</summary>
internal sealed record DepositStep(
    string Step, int Bookings, double TotalP50, double TotalP95, double TotalMax, double ProviderP50, double ProviderP95, double ProviderMax,
    double ShareP50, double ShareP95, double ShareMax, string CallsPerBooking);

/// <summary>A run of the deposit path (issue 18): a line of deposit.jsonl beside the suite's results.</summary>
internal sealed record DepositRun(string Scale, int Run, int Bookings, long Errors, string FirstBookingCalls, double HostedPageP50, List<DepositStep> Steps);

/// <summary>
/// Booking online with a deposit (issue 18), against the Stripe stand-in through <see cref="StripeRelay"/>: a signed-in
/// client's confirm POST (holds the time and opens the Checkout Session: the deposit step's round trip), the card typed on
/// the stand-in's hosted page as a browser posts it (the provider's, timed apart), and the return to the success address
/// (asks Stripe what became of the session and books it). One booking at a time, so every provider call the relay saw
/// during a request is that request's; MicroSpa's share is the request's time minus those calls'. Webhooks are held
/// while it runs (the browser's return is the one that books, the most work it can do) and let go afterwards: each
/// booking must then hold one deposit of the amount asked, however often the news came.
/// </summary>
internal static partial class Measure
{
    public const string DepositPath = "Booking online with a deposit";
    public const string ConfirmStep = "Confirm POST (holds, opens the Checkout Session)";
    public const string ReturnStep = "Return from the hosted page (asks Stripe, books)";
    public const string BothSteps = "Both requests of a booking";
    public const string PlainStep = "For comparison: confirm POST, nothing asked (books at once)";

    /// <summary>A run books into its own six days, 40 to 57 days ahead (past the days the other paths book, inside the 60-day horizon).</summary>
    private const int DepositDaysPerRun = 6;

    private const int QuartersPerDay = 48;

    private static async Task<long> DepositAsync(Uri app, string connectionString, string scale, int run, int seconds, List<HttpClient> clients, string resultsFile)
    {
        if (Environment.GetEnvironmentVariable("BENCH_STRIPE_STANDIN") is not { Length: > 0 } standInUrl
            || Environment.GetEnvironmentVariable("BENCH_STRIPE_RELAY") is not { Length: > 0 } relayUrl)
        {
            Console.WriteLine("BENCH_STRIPE_STANDIN and BENCH_STRIPE_RELAY are not set: the deposit path is not measured.");
            return 0;
        }

        var standIn = new Uri(standInUrl);
        var serviceId = await SingleIdAsync(connectionString, $"SELECT id FROM services WHERE name = '{ChainData.DepositServiceName}'");
        var zone = new ClinicTimeZone(ChainData.TimeZone);
        var firstDay = zone.Today(DateTimeOffset.UtcNow).AddDays(40 + (DepositDaysPerRun * (run - 1)));
        var slots = Enumerable.Range(0, DepositDaysPerRun * QuartersPerDay)
            .Select(i => zone.ToInstant(firstDay.AddDays(i / QuartersPerDay), new TimeOnly(8, 0).AddMinutes(15 * (i % QuartersPerDay))))
            .OfType<DateTimeOffset>().ToList();

        await using var relay = await StripeRelay.StartAsync(new Uri(relayUrl), standIn);
        using var control = new HttpClient { BaseAddress = standIn };
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        (await control.PostAsync("/_standin/webhooks/hold", null)).EnsureSuccessStatusCode();

        long errors = 0;
        var next = 0;
        var booked = new List<Guid>();
        var hosted = new List<double>();
        var samples = new List<(double Confirm, double ConfirmProvider, int ConfirmCalls, double Return, double ReturnProvider, int ReturnCalls)>();
        var firstCalls = new List<int>();

        // The first booking of each client account makes its customer at Stripe (kept, once per client): counted apart,
        // then one booking at a time for the given time.
        var stop = Stopwatch.StartNew();
        for (var booking = 0; booking < clients.Count || (stop.Elapsed < TimeSpan.FromSeconds(seconds) && next < slots.Count) || samples.Count == 0; booking++)
        {
            if (booking == clients.Count)
            {
                stop.Restart();
            }

            var client = clients[booking % clients.Count];
            var (draft, confirmPage) = await DraftAsync(client, serviceId, slots, () => next++);
            if (draft is null)
            {
                Console.Error.WriteLine("  deposit: no free time left in this run's days");
                errors++;
                break;
            }

            var t0 = Stopwatch.GetTimestamp();
            using var confirm = await client.PostAsync($"/book/{draft}/confirm", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["policyVersion"] = PolicyVersionPattern().Match(confirmPage).Groups[1].Value,
                ["__RequestVerificationToken"] = TokenPattern().Match(confirmPage).Groups[1].Value,
            }));
            await confirm.Content.ReadAsByteArrayAsync();
            var t1 = Stopwatch.GetTimestamp();
            var paymentPage = confirm.Headers.Location?.ToString();
            if (confirm.StatusCode != HttpStatusCode.Redirect || paymentPage?.StartsWith($"{standInUrl.TrimEnd('/')}/pay/cs_", StringComparison.Ordinal) != true)
            {
                Failed("confirm", confirm, paymentPage);
                continue;
            }

            var p0 = Stopwatch.GetTimestamp();
            using var paid = await browser.PostAsync(paymentPage, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["number"] = "4242 4242 4242 4242", ["expiry"] = "12 / 34", ["cvc"] = "123",
            }));
            await paid.Content.ReadAsByteArrayAsync();
            var paidMs = Stopwatch.GetElapsedTime(p0).TotalMilliseconds;
            var back = paid.Headers.Location?.ToString();
            if (paid.StatusCode != HttpStatusCode.Redirect || back is null)
            {
                Failed("hosted page", paid, back);
                continue;
            }

            var t2 = Stopwatch.GetTimestamp();
            using var returned = await client.GetAsync(back);
            await returned.Content.ReadAsByteArrayAsync();
            var t3 = Stopwatch.GetTimestamp();
            var location = returned.Headers.Location?.OriginalString;
            if (returned.StatusCode != HttpStatusCode.Redirect || location?.StartsWith("/my/appointments/", StringComparison.Ordinal) != true
                || !location.EndsWith("?booked=True", StringComparison.Ordinal))
            {
                Failed("return", returned, location);
                continue;
            }

            booked.Add(Guid.Parse(location["/my/appointments/".Length..location.IndexOf('?', StringComparison.Ordinal)]));
            var confirmCalls = relay.Between(t0, t1);
            if (booking < clients.Count)
            {
                firstCalls.Add(confirmCalls.Count);
                continue;
            }

            var returnCalls = relay.Between(t2, t3);
            hosted.Add(paidMs);
            samples.Add((Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds, confirmCalls.Sum(c => c.Milliseconds), confirmCalls.Count,
                Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds, returnCalls.Sum(c => c.Milliseconds), returnCalls.Count));
        }

        // For comparison, the same confirm step of the consultation that asks nothing (booked at once, no provider call),
        // from the run's next free times for the same time.
        var plainId = await SingleIdAsync(connectionString, $"SELECT id FROM services WHERE name = '{ChainData.ConsultationName}'");
        var plain = new List<(double Total, double Provider, int Calls)>();
        stop.Restart();
        for (var booking = 0; (stop.Elapsed < TimeSpan.FromSeconds(seconds) && next < slots.Count) || plain.Count == 0; booking++)
        {
            var client = clients[booking % clients.Count];
            var (draft, confirmPage) = await DraftAsync(client, plainId, slots, () => next++);
            if (draft is null)
            {
                Console.Error.WriteLine("  deposit: no free time left in this run's days for the comparison");
                errors++;
                break;
            }

            var t0 = Stopwatch.GetTimestamp();
            using var confirm = await client.PostAsync($"/book/{draft}/confirm", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = TokenPattern().Match(confirmPage).Groups[1].Value,
            }));
            await confirm.Content.ReadAsByteArrayAsync();
            var t1 = Stopwatch.GetTimestamp();
            if (confirm.StatusCode != HttpStatusCode.Redirect || confirm.Headers.Location?.OriginalString.EndsWith("?booked=True", StringComparison.Ordinal) != true)
            {
                Failed("plain confirm", confirm, confirm.Headers.Location?.OriginalString);
                continue;
            }

            var calls = relay.Between(t0, t1);
            plain.Add((Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds, calls.Sum(c => c.Milliseconds), calls.Count));
        }

        // The webhooks come now, after the browsers: they change nothing, and each booking keeps its one deposit.
        var before = relay.Count;
        (await control.PostAsync("/_standin/webhooks/release", null)).EnsureSuccessStatusCode();
        var quiet = Stopwatch.StartNew();
        for (var seen = relay.Count; quiet.Elapsed < TimeSpan.FromSeconds(3) || relay.Count - before < booked.Count; seen = relay.Count)
        {
            await Task.Delay(250);
            if (relay.Count != seen)
            {
                quiet.Restart();
            }

            if (stop.Elapsed > TimeSpan.FromSeconds(seconds + 120))
            {
                break;
            }
        }

        var wrong = await DepositsNotKeptOnceAsync(connectionString, [.. booked]);
        if (wrong > 0)
        {
            Console.Error.WriteLine($"  deposit: {wrong} of {booked.Count} bookings are not Booked with exactly one deposit of {ChainData.Deposit} after the webhooks");
        }

        errors += wrong;
        var result = new DepositRun(scale, run, samples.Count, errors, CallsHistogram(firstCalls), Percentile(hosted, 0.5),
        [
            Step(ConfirmStep, [.. samples.Select(s => (s.Confirm, s.ConfirmProvider, s.ConfirmCalls))]),
            Step(ReturnStep, [.. samples.Select(s => (s.Return, s.ReturnProvider, s.ReturnCalls))]),
            Step(BothSteps, [.. samples.Select(s => (s.Confirm + s.Return, s.ConfirmProvider + s.ReturnProvider, s.ConfirmCalls + s.ReturnCalls))]),
            Step(PlainStep, plain),
        ]);
        await File.AppendAllTextAsync(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(resultsFile))!, "deposit.jsonl"), JsonSerializer.Serialize(result) + "\n");
        foreach (var s in result.Steps)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{scale,-6} deposit {s.Step,-52} {s.Bookings} bookings  total p50 {s.TotalP50,6:0.0} p95 {s.TotalP95,6:0.0} max {s.TotalMax,6:0.0}  " +
                $"provider p95 {s.ProviderP95,6:0.0}  MicroSpa's share p50 {s.ShareP50,6:0.0} p95 {s.ShareP95,6:0.0} max {s.ShareMax,6:0.0} ms  calls {s.CallsPerBooking}"));
        }

        Console.WriteLine($"{scale,-6} deposit first booking of each client (its customer made): calls {result.FirstBookingCalls}; hosted page p50 {result.HostedPageP50:0.0} ms; errors {errors}");
        return errors;

        void Failed(string step, HttpResponseMessage response, string? location)
        {
            if (Interlocked.Increment(ref errors) <= 3)
            {
                Console.Error.WriteLine($"  deposit {step} failed: {(int)response.StatusCode} {response.RequestMessage?.RequestUri?.PathAndQuery} {location}");
            }
        }
    }

    /// <summary>A draft at the next free time of the run's slots (checkout opened and continued, not timed) and its confirm page.</summary>
    private static async Task<(Guid? Draft, string Page)> DraftAsync(HttpClient client, Guid serviceId, List<DateTimeOffset> slots, Func<int> take)
    {
        for (var i = take(); i < slots.Count; i = take())
        {
            var start = Iso(slots[i]);
            var checkout = await client.GetAsync($"/book/checkout?serviceId={serviceId}&start={Uri.EscapeDataString(start)}");
            var html = await checkout.Content.ReadAsStringAsync();
            if (checkout.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }

            using var started = await client.PostAsync("/book/checkout", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["ServiceId"] = serviceId.ToString(), ["Start"] = start, ["__RequestVerificationToken"] = TokenPattern().Match(html).Groups[1].Value,
            }));
            var location = started.Headers.Location?.OriginalString;
            if (started.StatusCode != HttpStatusCode.Redirect || location?.EndsWith("/confirm", StringComparison.Ordinal) != true)
            {
                continue; // The time is taken (the generated future visits): the next one.
            }

            var draft = Guid.Parse(location.Split('/')[2]);
            return (draft, await client.GetStringAsync(location));
        }

        return (null, string.Empty);
    }

    private static DepositStep Step(string name, List<(double Total, double Provider, int Calls)> samples)
    {
        List<double> total = [.. samples.Select(s => s.Total)], provider = [.. samples.Select(s => s.Provider)], share = [.. samples.Select(s => s.Total - s.Provider)];
        return new DepositStep(name, samples.Count, Percentile(total, 0.5), Percentile(total, 0.95), total.DefaultIfEmpty().Max(),
            Percentile(provider, 0.5), Percentile(provider, 0.95), provider.DefaultIfEmpty().Max(),
            Percentile(share, 0.5), Percentile(share, 0.95), share.DefaultIfEmpty().Max(), CallsHistogram([.. samples.Select(s => s.Calls)]));
    }

    /// <summary>How many provider calls the bookings made, as "1 × 118" (or "1 × 110, 2 × 8").</summary>
    private static string CallsHistogram(List<int> calls) =>
        calls.Count == 0 ? "none" : string.Join(", ", calls.GroupBy(c => c).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}"));

    private static double Percentile(List<double> values, double q)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1))];
    }

    /// <summary>How many of the bookings are not Booked with exactly one online deposit of the amount asked.</summary>
    private static async Task<int> DepositsNotKeptOnceAsync(string connectionString, Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*)::int FROM appointments a
            WHERE a.id = ANY($1) AND (a.status <> 'Booked'
               OR (SELECT count(*) FROM online_payments p WHERE p.appointment_id = a.id) <> 1
               OR (SELECT sum(p.amount) FROM online_payments p WHERE p.appointment_id = a.id) <> $2)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        command.Parameters.Add(new NpgsqlParameter { Value = ChainData.Deposit });
        return (int)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex("name=\"policyVersion\" value=\"([0-9]+)\"")]
    private static partial Regex PolicyVersionPattern();
}
