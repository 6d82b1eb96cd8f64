using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MicroSpa.Bench;

// Benchmark harness (not part of the product):
//   seed <connection string>                       fills a fresh database at the scale
//   load <base url> <seconds> <concurrency> <days>  drives GET /api/v1/availability and reports latency
//   soak <base url> <connection> <seconds> <workers> random bookings, moves and cancellations; then no overlaps
//   generate <owner connection> <factor>           the clinic-chain data (issue #8) at a fraction of full scale
//   check <app url> <connection>                   the generated money reads the same from the ledger's rows, the product and its pages
//   limit <connection> <url>                       the raw-Npgsql limit endpoints
//   measure <app url> <limit url|-> <connection> <scale> <setup> <run> <seconds> <concurrency> <results.jsonl> [app pids...]
//   same <url> <url>                               the availability answer is the same through both (scale out)
//   hammer <app url> <desk|nurse|client email> <path> <seconds> <concurrency>   one path, for profiling
//   report <results.jsonl> <markdown> <artifacts dir>
return args switch
{
    ["generate", var connectionString, var factor] => await ChainData.GenerateAsync(connectionString, double.Parse(factor, CultureInfo.InvariantCulture)),
    ["check", var app, var connectionString] => await MoneyCheck.RunAsync(new Uri(app), connectionString),
    ["limit", var connectionString, var url] => await Limit.RunAsync(connectionString, url),
    ["measure", var app, var limit, var connectionString, var scale, var setup, var run, var seconds, var concurrency, var results, .. var pids] =>
        await Measure.RunAsync(new Uri(app), limit == "-" ? null : new Uri(limit), connectionString, scale, setup,
            int.Parse(run, CultureInfo.InvariantCulture), int.Parse(seconds, CultureInfo.InvariantCulture), int.Parse(concurrency, CultureInfo.InvariantCulture),
            results, [.. pids.Select(p => int.Parse(p, CultureInfo.InvariantCulture))]),
    ["hammer", var app, var who, var path, var seconds, var concurrency] =>
        await Measure.HammerAsync(new Uri(app), who, path, int.Parse(seconds, CultureInfo.InvariantCulture), int.Parse(concurrency, CultureInfo.InvariantCulture)),
    ["same", var first, var second, var connectionString] => await Measure.SameAsync(new Uri(first), new Uri(second), connectionString),
    ["report", var results, var markdown, var artifacts] => Report.Write(results, markdown, artifacts),
    ["seed", var connectionString] => await Seeder.RunAsync(connectionString),
    ["seed-front-desk", var connectionString] => await FrontDeskBench.SeedAsync(connectionString),
    ["load-front-desk", var baseUrl, var seconds, var concurrency] =>
        await FrontDeskBench.LoadAsync(new Uri(baseUrl), int.Parse(seconds, CultureInfo.InvariantCulture), int.Parse(concurrency, CultureInfo.InvariantCulture)),
    ["soak", var baseUrl, var connectionString, var seconds, var workers] =>
        await Soak.RunAsync(new Uri(baseUrl), connectionString, int.Parse(seconds, CultureInfo.InvariantCulture), int.Parse(workers, CultureInfo.InvariantCulture)),
    ["load", var baseUrl, var seconds, var concurrency, var days] =>
        await Load.RunAsync(new Uri(baseUrl), int.Parse(seconds, CultureInfo.InvariantCulture),
            int.Parse(concurrency, CultureInfo.InvariantCulture), int.Parse(days, CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: generate | limit | measure | same | report | check (see Program.cs) | seed <connection string> | load <base url> <seconds> <concurrency> <days>"
        + " | seed-front-desk <connection string> | load-front-desk <base url> <seconds> <concurrency>"
        + " | soak <base url> <connection string> <seconds> <workers>");
    return 2;
}

namespace MicroSpa.Bench
{
    internal static class Load
    {
        public static async Task<int> RunAsync(Uri baseUrl, int seconds, int concurrency, int days)
        {
            using var http = new HttpClient { BaseAddress = baseUrl };
            using var services = JsonDocument.Parse(await http.GetStringAsync("/api/v1/services"));
            var serviceId = services.RootElement.EnumerateArray()
                .First(s => s.GetProperty("kind").GetString() == "Treatment").GetProperty("id").GetGuid();
            var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
            var url = $"/api/v1/availability?serviceId={serviceId}&from={from:yyyy-MM-dd}&to={from.AddDays(days - 1):yyyy-MM-dd}";

            // Warm up (JIT, connection pool, PostgreSQL caches), then measure.
            for (var i = 0; i < 50; i++)
            {
                (await http.GetAsync(url)).EnsureSuccessStatusCode();
            }

            using var sample = JsonDocument.Parse(await http.GetStringAsync(url));
            var slotCount = sample.RootElement.GetProperty("slots").GetArrayLength();

            var latencies = new List<double>[concurrency];
            var errors = 0;
            var stop = Stopwatch.StartNew();
            var deadline = TimeSpan.FromSeconds(seconds);
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
            {
                latencies[worker] = [];
                while (stop.Elapsed < deadline)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.GetAsync(url);
                    await response.Content.ReadAsByteArrayAsync();
                    latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            }));
            var elapsed = stop.Elapsed.TotalSeconds;
            var all = latencies.SelectMany(l => l).Order().ToList();
            double P(double q) => all[Math.Min(all.Count - 1, (int)Math.Ceiling(q * all.Count) - 1)];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"availability {days} days, {concurrency} concurrent: {all.Count} requests in {elapsed:0.0} s = {all.Count / elapsed:0} req/s; " +
                $"p50 {P(0.50):0.0} ms, p95 {P(0.95):0.0} ms, p99 {P(0.99):0.0} ms; errors {errors}; {slotCount} open slots per answer"));
            return errors == 0 ? 0 : 1;
        }
    }
}
