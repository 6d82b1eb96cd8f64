using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MicroSpa.Bench;

/// <summary>
/// Writes the suite's figures into docs/benchmarks.md between two markers (the rest of the file is
/// kept): the machine, the commands, the median of the runs for every path, the ratio to the raw limit,
/// the growth from the smaller data set, memory, scale-out, and every target missed.
/// </summary>
internal static partial class Report
{
    public const string Begin = "<!-- suite:begin (written by bench/suite.sh; edit outside these markers) -->";
    public const string End = "<!-- suite:end -->";
    public const string MoneyBegin = "<!-- money:begin (the money paths; BENCH_PATHS=money rewrites only this part) -->";
    public const string MoneyEnd = "<!-- money:end -->";
    public const string DepositBegin = "<!-- deposit:begin (booking with a deposit; BENCH_PATHS=deposit rewrites only this part) -->";
    public const string DepositEnd = "<!-- deposit:end -->";

    /// <summary>Issue 18: MicroSpa's own share of each request of a booking with a deposit, at the 95th percentile.</summary>
    private const double DepositShareP95Ms = 100;

    /// <summary>A path's targets; <c>Loaded</c>: the p95 target is for the load in flight (checkout's four desks), not one request at a time.</summary>
    private sealed record Target(double? P95Ms = null, double? MinRps = null, bool Loaded = false);

    private static readonly Dictionary<string, Target> Targets = new()
    {
        ["Availability API, 10 providers × 14 days"] = new(50, 200),
        ["Front desk day view, 20 providers, 300 appointments"] = new(50),
        ["Client search"] = new(30),
        ["Booking POST (front desk)"] = new(100),
        [Measure.CheckoutPath] = new(100, Loaded: true),
        [Measure.DayClosePath] = new(100),
        [Measure.DayReportPath] = new(100),
        [Measure.ReceiptsPath] = new(30),
        [Measure.ReportMonthPath] = new(100),
        [Measure.ReportYearPath] = new(300),
    };

    public static int Write(string resultsFile, string markdownFile, string artifacts)
    {
        var all = File.ReadAllLines(resultsFile).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Measurement>(l)!).ToList();
        var depositFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(resultsFile))!, "deposit.jsonl");
        var deposits = File.Exists(depositFile)
            ? File.ReadAllLines(depositFile).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<DepositRun>(l)!).ToList()
            : [];
        if (Environment.GetEnvironmentVariable("BENCH_PATHS") == "reports")
        {
            var current = File.Exists(markdownFile) ? File.ReadAllText(markdownFile) : "# Benchmarks\n";
            File.WriteAllText(markdownFile, Replace(current, ReportsBegin, ReportsEnd, ReportsSection(all, artifacts)));
            Console.WriteLine($"Wrote the reports into {markdownFile}.");
            return 0;
        }

        if (Environment.GetEnvironmentVariable("BENCH_PATHS") == "deposit")
        {
            var current = File.Exists(markdownFile) ? File.ReadAllText(markdownFile) : "# Benchmarks\n";
            File.WriteAllText(markdownFile, Replace(current, DepositBegin, DepositEnd, DepositSection(deposits)));
            Console.WriteLine($"Wrote booking with a deposit into {markdownFile}.");
            return 0;
        }

        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        void Line(string line = "") => text.Append(line).Append('\n');
        string F(double v, string format = "0.0") => v.ToString(format, inv);
        double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        // alone: the one-at-a-time measurement (latency); otherwise the loaded one (throughput).
        Measurement? Med(string scale, string setup, string target, string path, bool alone = false)
        {
            var runs = all.Where(m => m.Scale == scale && m.Setup == setup && m.Target == target && m.Path == path && (m.Concurrency == 1) == alone).ToList();
            if (runs.Count == 0)
            {
                return null;
            }

            return runs[0] with
            {
                Run = runs.Count, Requests = runs.Sum(r => r.Requests), RequestsPerSecond = Median(runs.Select(r => r.RequestsPerSecond)),
                P50 = Median(runs.Select(r => r.P50)), P95 = Median(runs.Select(r => r.P95)), P99 = Median(runs.Select(r => r.P99)),
                Errors = runs.Sum(r => r.Errors), PeakMemoryMb = runs.Max(r => r.PeakMemoryMb), SeqScans = runs.Sum(r => r.SeqScans),
            };
        }

        var scales = all.Select(m => m.Scale).Distinct().ToList();
        var main = scales.Contains("full") ? "full" : scales[0];
        var smaller = scales.FirstOrDefault(s => s != main);
        var paths = all.Select(m => m.Path).Distinct().Where(p => !Measure.MoneyPaths.Contains(p) && !Measure.ReportPaths.Contains(p)).ToList();
        var misses = new List<string>();
        var money = MoneySection(all, main, smaller, artifacts, Med, F);
        var existing = File.Exists(markdownFile) ? File.ReadAllText(markdownFile) : "# Benchmarks\n";
        if (Environment.GetEnvironmentVariable("BENCH_PATHS") == "money")
        {
            // Only the money part changes; the rest of the suite's section keeps its figures.
            var from = existing.IndexOf(MoneyBegin, StringComparison.Ordinal);
            var to = existing.IndexOf(MoneyEnd, StringComparison.Ordinal);
            var suiteEnd = existing.IndexOf(End, StringComparison.Ordinal);
            var rewritten = from >= 0 && to > from ? existing[..from] + money + existing[(to + MoneyEnd.Length)..].TrimStart('\n')
                : suiteEnd >= 0 ? existing[..suiteEnd] + money + existing[suiteEnd..]
                : existing.TrimEnd('\n') + "\n\n" + money;
            File.WriteAllText(markdownFile, rewritten);
            Console.WriteLine($"Wrote the money paths into {markdownFile}.");
            return 0;
        }

        Line(Begin);
        Line($"## Clinic-chain suite (issue #8)");
        Line();
        Line($"Generated {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC by `bench/suite.sh` on: {Machine()}.");
        Line("App, PostgreSQL, the limit harness and the load generator all share this machine's cores; requests go over loopback.");
        Line();
        foreach (var file in Directory.Exists(artifacts) ? Directory.GetFiles(artifacts, "data-*.txt").Order().ToArray() : [])
        {
            Line($"- Data ({Path.GetFileNameWithoutExtension(file)[5..]}): {File.ReadAllText(file).Trim()}");
        }

        var sample = all.First(m => m.Scale == main && m.Target == "app" && paths.Contains(m.Path));
        var loadedConcurrency = all.Where(m => m.Scale == main && m.Target == "limit").Select(m => m.Concurrency).DefaultIfEmpty(0).Max();
        var runCount = all.Where(m => m.Scale == main && m.Setup == "direct" && m.Path == sample.Path && m.Target == "app").Select(m => m.Run).Distinct().Count();
        Line($"- Each path: {F(sample.Seconds, "0")} s one request at a time, then {F(sample.Seconds, "0")} s with {loadedConcurrency} in flight (bookings: half as many), after a warm-up; " +
             $"figures are the median of {runCount} run(s); errors and sequential scans are summed over the runs, memory is the highest seen.");
        Line("- *Limit*: the same data fetched by one hand-written SQL statement through raw Npgsql behind a minimal endpoint in the bench (`bench/MicroSpa.Bench/Limit.cs`); *ratio* = app throughput / limit throughput.");
        Line("- *Seq scans*: sequential scans PostgreSQL counted on clients, appointments, appointment_body_areas, treatment_records, charted_areas, invoices, invoice_lines, ledger_entries and stock_entries while the path ran (0 = every query used an index).");
        Line();
        Line($"### At full scale ({main})");
        Line();
        Line("Latency: one request at a time. Throughput: with the concurrency above in flight (the p95 under that load is shown too: it is queueing for the two cores).");
        Line();
        Line("| Path | p50 ms | p95 ms | p99 ms | req/s | p95 ms loaded | Errors | Limit req/s | Ratio | Seq scans | Target | Met |");
        Line("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var path in paths)
        {
            if (Med(main, "direct", "app", path, alone: true) is not { } alone || Med(main, "direct", "app", path) is not { } loaded)
            {
                continue;
            }

            var limit = Med(main, "direct", "limit", path);
            var ratio = limit is null ? (double?)null : loaded.RequestsPerSecond / limit.RequestsPerSecond;
            var errors = alone.Errors + loaded.Errors;
            Targets.TryGetValue(path, out var target);
            var checks = new List<(string What, bool Met)>();
            if (target?.P95Ms is { } p95)
            {
                checks.Add(($"p95 ≤ {p95} ms", alone.P95 <= p95));
            }

            if (target?.MinRps is { } rps)
            {
                checks.Add(($"≥ {rps} req/s", loaded.RequestsPerSecond >= rps));
            }

            // Every path, not only the bookings the issue names: an error anywhere is a finding.
            checks.Add(("0 errors", errors == 0));
            if (ratio is { } r)
            {
                checks.Add(("ratio ≥ 0.5", r >= 0.5));
            }

            foreach (var (what, met) in checks.Where(c => !c.Met))
            {
                misses.Add($"{path}: {what} (measured p95 {F(alone.P95)} ms, {F(loaded.RequestsPerSecond, "0")} req/s{(ratio is { } x ? $", ratio {F(x, "0.00")}" : string.Empty)}, {errors} errors)");
            }

            Line($"| {path} | {F(alone.P50)} | **{F(alone.P95)}** | {F(alone.P99)} | **{F(loaded.RequestsPerSecond, "0")}** | {F(loaded.P95)} | {errors} | " +
                 $"{(limit is null ? "—" : F(limit.RequestsPerSecond, "0"))} | {(ratio is { } q ? F(q, "0.00") : "—")} | {loaded.SeqScans} | " +
                 $"{string.Join(", ", checks.Select(c => c.What))} | {(checks.All(c => c.Met) ? "yes" : "**no**")} |");
        }

        var peak = all.Where(m => m.Scale == main && m.Setup == "direct" && m.Target == "app").Max(m => m.PeakMemoryMb);
        Line();
        Line($"App memory: highest resident set seen under load at full scale **{F(peak, "0")} MB** (target ≤ 400 MB): {(peak <= 400 ? "met" : "**missed**")}.");
        if (peak > 400)
        {
            misses.Add($"App memory: {F(peak, "0")} MB peak");
        }

        if (smaller is not null)
        {
            Line();
            Line($"### Growth: {smaller} data set against {main}");
            Line();
            Line($"| Path | p95 ms ({smaller}) | p95 ms ({main}) | {main} / {smaller} | req/s one at a time ({smaller}) | ({main}) | Met (≤ 1.5×) |");
            Line("|---|---|---|---|---|---|---|");
            foreach (var path in paths)
            {
                if (Med(main, "direct", "app", path, alone: true) is not { } big || Med(smaller, "direct", "app", path, alone: true) is not { } small)
                {
                    continue;
                }

                var growth = big.P95 / small.P95;
                if (growth > 1.5)
                {
                    misses.Add($"{path}: p95 grew {F(growth, "0.00")}× from the {smaller} to the {main} data set");
                }

                Line($"| {path} | {F(small.P95)} | {F(big.P95)} | **{F(growth, "0.00")}** | {F(small.RequestsPerSecond, "0")} | {F(big.RequestsPerSecond, "0")} | {(growth <= 1.5 ? "yes" : "**no**")} |");
            }
        }

        var scaleOut = all.Where(m => m.Setup == "nginx" && m.Target == "app").ToList();
        if (scaleOut.Count > 0)
        {
            Line();
            Line("### Scale out: two app instances behind nginx");
            Line();
            Line("| Path | req/s (loaded) | p95 ms one at a time | p95 ms loaded | Errors | Peak memory, both instances |");
            Line("|---|---|---|---|---|---|");
            foreach (var path in paths)
            {
                if (Med(scaleOut[0].Scale, "nginx", "app", path) is { } m && Med(scaleOut[0].Scale, "nginx", "app", path, alone: true) is { } one)
                {
                    Line($"| {path} | {F(m.RequestsPerSecond, "0")} | {F(one.P95)} | {F(m.P95)} | {m.Errors + one.Errors} | {F(Math.Max(m.PeakMemoryMb, one.PeakMemoryMb), "0")} MB |");
                    if (m.Errors + one.Errors > 0)
                    {
                        misses.Add($"Through nginx, {path}: {m.Errors + one.Errors} errors");
                    }
                }
            }

            var same = Path.Combine(artifacts, "scale-out.txt");
            if (File.Exists(same))
            {
                Line();
                Line(File.ReadAllText(same).Trim());
            }
        }

        Line();
        Line("### Targets missed");
        Line();
        if (misses.Count == 0)
        {
            Line("None.");
        }

        foreach (var miss in misses)
        {
            Line($"- {miss}");
        }

        Line();
        text.Append(money);
        text.Append(DepositSection(deposits));
        Line(End);

        var begin = existing.IndexOf(Begin, StringComparison.Ordinal);
        var end = existing.IndexOf(End, StringComparison.Ordinal);
        var updated = begin >= 0 && end > begin
            ? existing[..begin] + text + existing[(end + End.Length)..].TrimStart('\n')
            : existing.TrimEnd('\n') + "\n\n" + text;
        File.WriteAllText(markdownFile, updated);
        Console.WriteLine($"Wrote {markdownFile}: {paths.Count} paths, {misses.Count} target(s) missed.");
        return 0;
    }

    /// <summary>The money paths' part of the section (issue #17): its own tables, growth and misses, between its own markers.</summary>
    private static string MoneySection(
        List<Measurement> all, string main, string? smaller, string artifacts, Func<string, string, string, string, bool, Measurement?> med, Func<double, string, string> f)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        string F(double v) => f(v, "0.0");
        var present = Measure.MoneyPaths.Where(p => all.Any(m => m.Path == p)).ToList();
        Line(MoneyBegin);
        Line("### Money paths (issue #17) and the money report (issue 21)");
        Line();
        if (present.Count == 0)
        {
            Line("Not measured in this run.");
            Line(MoneyEnd);
            return text.ToString();
        }

        Line($"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on: {Machine()}.");
        Line();
        foreach (var file in Directory.Exists(artifacts) ? Directory.GetFiles(artifacts, "data-*.txt").Order().ToArray() : [])
        {
            Line($"- Data ({Path.GetFileNameWithoutExtension(file)[5..]}): {File.ReadAllText(file).Trim()}");
        }

        foreach (var file in Directory.Exists(artifacts) ? Directory.GetFiles(artifacts, "check-*.txt").Order().ToArray() : [])
        {
            Line($"- Check ({Path.GetFileNameWithoutExtension(file)[6..]}): {File.ReadAllText(file).Trim()}");
        }

        var loadedIn = all.Where(m => m.Path == Measure.CheckoutPath && m.Scale == main && m.Concurrency > 1).Select(m => m.Concurrency).DefaultIfEmpty(1).Max();
        Line($"- Checkout: one desk, then {loadedIn} desks in flight, each request a payment on a different open invoice (at most 300 a load); its target is the p95 with the desks in flight. " +
             "The reads: one request at a time, then the suite's concurrency in flight. Errors include payments answered but not found in the ledger.");
        Line();
        Line($"| Path | p50 ms | p95 ms | p99 ms | req/s | p95 ms loaded | Errors | Seq scans | Target | Met |");
        Line("|---|---|---|---|---|---|---|---|---|---|");
        var misses = new List<string>();
        double TargetP95(Measurement alone, Measurement loaded, Target? target) => target?.Loaded == true ? loaded.P95 : alone.P95;
        foreach (var path in present)
        {
            if (med(main, "direct", "app", path, true) is not { } alone || med(main, "direct", "app", path, false) is not { } loaded)
            {
                continue;
            }

            Targets.TryGetValue(path, out var target);
            var errors = alone.Errors + loaded.Errors;
            var checks = new List<(string What, bool Met)>();
            if (target?.P95Ms is { } p95)
            {
                checks.Add(($"p95{(target.Loaded ? $" with {loaded.Concurrency} in flight" : string.Empty)} ≤ {p95} ms", TargetP95(alone, loaded, target) <= p95));
            }

            checks.Add(("0 errors", errors == 0));
            foreach (var (what, met) in checks.Where(c => !c.Met))
            {
                misses.Add($"{path}: {what} (measured p95 {F(alone.P95)} ms one at a time, {F(loaded.P95)} ms loaded, {f(loaded.RequestsPerSecond, "0")} req/s, {errors} errors)");
            }

            Line($"| {path} | {F(alone.P50)} | **{F(alone.P95)}** | {F(alone.P99)} | **{f(loaded.RequestsPerSecond, "0")}** | {(target?.Loaded == true ? $"**{F(loaded.P95)}**" : F(loaded.P95))} | {errors} | " +
                 $"{loaded.SeqScans} | {string.Join(", ", checks.Select(c => c.What))} | {(checks.All(c => c.Met) ? "yes" : "**no**")} |");
        }

        if (smaller is not null)
        {
            Line();
            Line($"Growth, {smaller} data set against {main} (the p95 the target is on):");
            Line();
            Line($"| Path | p95 ms ({smaller}) | p95 ms ({main}) | {main} / {smaller} | Met (≤ 1.5×) |");
            Line("|---|---|---|---|---|");
            foreach (var path in present)
            {
                if (med(main, "direct", "app", path, true) is not { } bigAlone || med(main, "direct", "app", path, false) is not { } bigLoaded
                    || med(smaller, "direct", "app", path, true) is not { } smallAlone || med(smaller, "direct", "app", path, false) is not { } smallLoaded)
                {
                    continue;
                }

                Targets.TryGetValue(path, out var target);
                var (small, big) = (TargetP95(smallAlone, smallLoaded, target), TargetP95(bigAlone, bigLoaded, target));
                var growth = big / small;
                if (growth > 1.5)
                {
                    misses.Add($"{path}: p95 grew {f(growth, "0.00")}× from the {smaller} to the {main} data set");
                }

                Line($"| {path} | {F(small)} | {F(big)} | **{f(growth, "0.00")}** | {(growth <= 1.5 ? "yes" : "**no**")} |");
            }
        }

        Line();
        Line(misses.Count == 0 ? "Money targets missed: none." : "Money targets missed:");
        foreach (var miss in misses)
        {
            Line($"- {miss}");
        }

        Line(MoneyEnd);
        return text.ToString();
    }

    /// <summary>Puts <paramref name="section"/> between its markers, or before the suite's end marker when it has none yet.</summary>
    private static string Replace(string existing, string begin, string end, string section)
    {
        var from = existing.IndexOf(begin, StringComparison.Ordinal);
        var to = existing.IndexOf(end, StringComparison.Ordinal);
        var suiteEnd = existing.IndexOf(End, StringComparison.Ordinal);
        return from >= 0 && to > from ? existing[..from] + section + existing[(to + end.Length)..].TrimStart('\n')
            : suiteEnd >= 0 ? existing[..suiteEnd] + section + existing[suiteEnd..]
            : existing.TrimEnd('\n') + "\n\n" + section;
    }

    /// <summary>Booking online with a deposit (issue 18): per scale, each request's time, the provider's part and MicroSpa's share.</summary>
    private static string DepositSection(List<DepositRun> runs)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        void Line(string line = "") => text.Append(line).Append('\n');
        string F(double v) => v.ToString("0.0", inv);
        double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        static Dictionary<int, int> Calls(IEnumerable<string> histograms) => histograms
            .SelectMany(h => h == "none" ? [] : h.Split(", ").Select(part => part.Split(" × ")).Select(p => (Calls: int.Parse(p[0], CultureInfo.InvariantCulture), Count: int.Parse(p[1], CultureInfo.InvariantCulture))))
            .GroupBy(p => p.Calls).ToDictionary(g => g.Key, g => g.Sum(p => p.Count));
        static string Words(Dictionary<int, int> calls) => calls.Count == 0 ? "none"
            : string.Join(", ", calls.OrderBy(c => c.Key).Select(c => $"{c.Value} made {c.Key}"));

        Line(DepositBegin);
        Line("### Booking online with a deposit (issue 18)");
        Line();
        if (runs.Count == 0)
        {
            Line("Not measured in this run.");
            Line(DepositEnd);
            return text.ToString();
        }

        Line($"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on: {Machine()}; the Stripe stand-in (decision 036) on the same machine.");
        Line();
        Line("- A signed-in client books the consultation that asks a $50.00 deposit, one booking at a time: the **confirm POST** (holds the time, " +
             "opens the Checkout Session), the card typed on the stand-in's hosted page as a browser posts it (4242 4242 4242 4242; the provider's time, not " +
             "counted in either request), and the **return** to the success address (asks Stripe for the session, books, keeps the deposit). Webhooks are " +
             "held while a run books and let go after it: every booking must then be Booked with exactly one deposit of $50.00, or it is an error.");
        Line("- *Provider*: the time of the provider calls made during the request, timed by a pass-through in the bench between the app and the stand-in " +
             "(`bench/MicroSpa.Bench/StripeRelay.cs`; its own loopback hop counts as the provider's). *MicroSpa's share* = the request's time minus that, per booking; " +
             "the percentiles are of those per-booking differences. The first booking of each of the 20 client accounts also makes its customer at Stripe and is " +
             "left out of the figures (counted apart below). Figures are the median of the runs; *spread* is the lowest and highest run's p95 share.");
        Line();
        var misses = new List<string>();
        foreach (var scale in runs.Select(r => r.Scale).Distinct().OrderBy(s => s == "full" ? 0 : 1))
        {
            var these = runs.Where(r => r.Scale == scale).ToList();
            Line($"At the {scale} scale, {these.Count} run(s), {these.Sum(r => r.Bookings)} bookings measured, {these.Sum(r => r.Errors)} errors; " +
                 $"hosted page (the stand-in) p50 {F(Median(these.Select(r => r.HostedPageP50)))} ms; first booking of a client: {Words(Calls(these.Select(r => r.FirstBookingCalls)))} provider call(s).");
            Line();
            Line("| Request | total p50 | p95 | max | provider p50 | p95 | max | **MicroSpa's share** p50 | **p95** | max | spread of p95 | Provider calls per booking | Target | Met |");
            Line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var step in these[0].Steps.Select(s => s.Step))
            {
                var s = these.Select(r => r.Steps.Single(x => x.Step == step)).ToList();
                var calls = Calls(s.Select(x => x.CallsPerBooking));
                var shareP95 = Median(s.Select(x => x.ShareP95));
                var checks = new List<(string What, bool Met)>();
                if (step is Measure.ConfirmStep or Measure.ReturnStep)
                {
                    checks.Add(($"share p95 ≤ {DepositShareP95Ms} ms", shareP95 <= DepositShareP95Ms));
                }

                if (step == Measure.ConfirmStep)
                {
                    checks.Add(("one provider call", calls.Count == 1 && calls.ContainsKey(1)));
                }

                foreach (var (what, met) in checks.Where(c => !c.Met))
                {
                    misses.Add($"{scale}, {step}: {what} (measured share p95 {F(shareP95)} ms; calls: {Words(calls)})");
                }

                Line($"| {step} | {F(Median(s.Select(x => x.TotalP50)))} | {F(Median(s.Select(x => x.TotalP95)))} | {F(Median(s.Select(x => x.TotalMax)))} | " +
                     $"{F(Median(s.Select(x => x.ProviderP50)))} | {F(Median(s.Select(x => x.ProviderP95)))} | {F(Median(s.Select(x => x.ProviderMax)))} | " +
                     $"{F(Median(s.Select(x => x.ShareP50)))} | **{F(shareP95)}** | {F(Median(s.Select(x => x.ShareMax)))} | " +
                     $"{F(s.Min(x => x.ShareP95))}–{F(s.Max(x => x.ShareP95))} | {Words(calls)} | {(checks.Count == 0 ? "—" : string.Join(", ", checks.Select(c => c.What)))} | " +
                     $"{(checks.Count == 0 ? "—" : checks.All(c => c.Met) ? "yes" : "**no**")} |");
            }

            if (these.Sum(r => r.Errors) > 0)
            {
                misses.Add($"{scale}: {these.Sum(r => r.Errors)} bookings failed or did not keep exactly one deposit");
            }

            Line();
        }

        Line(misses.Count == 0 ? "Deposit targets missed: none." : "Deposit targets missed:");
        foreach (var miss in misses)
        {
            Line($"- {miss}");
        }

        Line(DepositEnd);
        return text.ToString();
    }

    private static string Machine()
    {
        string Read(string file, string key) => File.Exists(file)
            ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(key.EndsWith('=') ? '=' : ':', 2)[1].Trim().Trim('"') ?? "?"
            : "?";
        var memory = Read("/proc/meminfo", "MemTotal");
        var gib = memory.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var kb, ..] && double.TryParse(kb, CultureInfo.InvariantCulture, out var k) ? $"{k / 1024 / 1024:0} GiB" : memory;
        return $"{Environment.ProcessorCount} cores ({Read("/proc/cpuinfo", "model name")}), {gib} memory, {Read("/etc/os-release", "PRETTY_NAME=")}, " +
               $".NET {Environment.Version}, {Environment.GetEnvironmentVariable("BENCH_POSTGRES") ?? "PostgreSQL"}";
    }
}
