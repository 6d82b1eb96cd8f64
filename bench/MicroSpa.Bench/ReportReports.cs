using System.Text;

namespace MicroSpa.Bench;

/// <summary>The reports' part of docs/benchmarks.md (issue 21), between its own markers: <c>BENCH_PATHS=reports</c> rewrites only it.</summary>
internal static partial class Report
{
    public const string ReportsBegin = "<!-- reports:begin (every report of issue 21; BENCH_PATHS=reports rewrites only this part) -->";
    public const string ReportsEnd = "<!-- reports:end -->";

    /// <summary>Issue 21: every report over one month p95 ≤ 100 ms, over 12 months ≤ 300 ms, one request at a time.</summary>
    private const double ReportMonthP95Ms = 100;
    private const double ReportYearP95Ms = 300;

    private static string ReportsSection(List<Measurement> all, string artifacts)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        string F(double v, string format = "0.0") => v.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        Measurement? Med(string scale, string path)
        {
            var runs = all.Where(m => m.Scale == scale && m.Setup == "direct" && m.Path == path && m.Concurrency == 1).ToList();
            return runs.Count == 0 ? null : runs[0] with
            {
                Run = runs.Count, Requests = runs.Sum(r => r.Requests), RequestsPerSecond = Median(runs.Select(r => r.RequestsPerSecond)),
                P50 = Median(runs.Select(r => r.P50)), P95 = Median(runs.Select(r => r.P95)), P99 = Median(runs.Select(r => r.P99)),
                Errors = runs.Sum(r => r.Errors), SeqScans = runs.Sum(r => r.SeqScans),
            };
        }

        Line(ReportsBegin);
        Line("### Every report (issue 21), read from the hot standby");
        Line();
        var present = Measure.ReportPaths.Where(p => all.Any(m => m.Path == p && m.Concurrency == 1)).ToList();
        var scales = all.Where(m => present.Contains(m.Path)).Select(m => m.Scale).Distinct().ToList();
        if (present.Count == 0 || scales.Count == 0)
        {
            Line("Not measured in this run.");
            Line(ReportsEnd);
            return text.ToString();
        }

        var main = scales.Contains("full") ? "full" : scales[0];
        var smaller = scales.FirstOrDefault(s => s != main);
        var runsCount = all.Where(m => m.Scale == main && present.Contains(m.Path)).Select(m => m.Run).Distinct().Count();
        Line($"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC by `BENCH_PATHS=reports bench/suite.sh` on: {Machine()}. " +
             "**The machine was shared**: other engineers' builds and tests ran on the same two cores during the run, so the figures are " +
             "higher and noisier than on a machine of its own.");
        Line();
        foreach (var file in Directory.Exists(artifacts) ? Directory.GetFiles(artifacts, "data-*.txt").Order().ToArray() : [])
        {
            Line($"- Data ({Path.GetFileNameWithoutExtension(file)[5..]}): {File.ReadAllText(file).Trim()}");
        }

        Line($"- Each report as the front desk lead (Manager) opens it, one request at a time for the suite's seconds per path, median of {runsCount} runs; " +
             "the app reads the reports from a streaming replica (a second PostgreSQL cluster, `ConnectionStrings__MicroSpaReadOnly`), and the " +
             "sequential scans are those PostgreSQL made on the big tables of the replica while the path ran (summed over the runs). The money report's " +
             "page holds commission per provider and the breakdowns; the loyalty report's, series completion and overdue maintenance.");
        Line("- One month is the last whole month by day; 12 months the last 12 whole months by month; each compared with the period before.");
        Line();
        Line($"| Report ({main}) | p50 ms | p95 ms | p99 ms | Errors | Seq scans | Target | Met |");
        Line("|---|---|---|---|---|---|---|---|");
        var misses = new List<string>();
        foreach (var path in present)
        {
            if (Med(main, path) is not { } m)
            {
                continue;
            }

            var target = Measure.ReportMonthPaths.Contains(path) ? ReportMonthP95Ms : ReportYearP95Ms;
            var met = m.P95 <= target && m.Errors == 0;
            if (!met)
            {
                misses.Add($"{path}: p95 ≤ {target} ms, 0 errors (measured p95 {F(m.P95)} ms, {m.Errors} errors)");
            }

            Line($"| {path} | {F(m.P50)} | **{F(m.P95)}** | {F(m.P99)} | {m.Errors} | {m.SeqScans} | p95 ≤ {target} ms | {(met ? "yes" : "**no**")} |");
        }

        if (smaller is not null)
        {
            Line();
            Line($"Growth, {smaller} data set against {main} (p95, one request at a time):");
            Line();
            Line($"| Report | p95 ms ({smaller}) | p95 ms ({main}) | {main} / {smaller} | Met (≤ 1.5×) |");
            Line("|---|---|---|---|---|");
            foreach (var path in present)
            {
                if (Med(main, path) is not { } big || Med(smaller, path) is not { } small)
                {
                    continue;
                }

                var growth = big.P95 / small.P95;
                if (growth > 1.5)
                {
                    misses.Add($"{path}: p95 grew {F(growth, "0.00")}× from the {smaller} to the {main} data set");
                }

                Line($"| {path} | {F(small.P95)} | {F(big.P95)} | **{F(growth, "0.00")}** | {(growth <= 1.5 ? "yes" : "**no**")} |");
            }
        }

        Line();
        Line(misses.Count == 0 ? "Report targets missed: none." : "Report targets missed:");
        foreach (var miss in misses)
        {
            Line($"- {miss}");
        }

        Line(ReportsEnd);
        return text.ToString();
    }
}
