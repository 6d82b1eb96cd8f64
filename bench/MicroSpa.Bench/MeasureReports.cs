using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Bench;

/// <summary>
/// Every report of issue 21, as the front desk lead (a Manager) opens it, over the last whole month (by day) and the last
/// 12 whole months (by month), read by the app from the hot standby the suite streams (ConnectionStrings__MicroSpaReadOnly):
/// money (with commission per provider and the breakdowns on the same page), schedule, loyalty (with series completion and
/// overdue maintenance on the same page), outcomes and liability. One request at a time (the targets are what one
/// person waits); the sequential scans PostgreSQL made on the big tables are counted on the standby (BENCH_STANDBY).
/// </summary>
internal static partial class Measure
{
    public const string ScheduleMonthPath = "Schedule report, one month by day";
    public const string ScheduleYearPath = "Schedule report, 12 months by month";
    public const string LoyaltyMonthPath = "Loyalty report (series, maintenance), one month";
    public const string LoyaltyYearPath = "Loyalty report (series, maintenance), 12 months";
    public const string OutcomesMonthPath = "Outcomes report, one month";
    public const string OutcomesYearPath = "Outcomes report, 12 months";
    public const string LiabilityMonthPath = "Liability report, one month by day";
    public const string LiabilityYearPath = "Liability report, 12 months by month";

    /// <summary>The paths <c>BENCH_PATHS=reports</c> measures: the money report's two are the money paths' (same names, same pages).</summary>
    public static readonly string[] ReportPaths =
    [
        ReportMonthPath, ReportYearPath, ScheduleMonthPath, ScheduleYearPath, LoyaltyMonthPath, LoyaltyYearPath,
        OutcomesMonthPath, OutcomesYearPath, LiabilityMonthPath, LiabilityYearPath,
    ];

    /// <summary>The one-month paths (target p95 ≤ 100 ms); the others are 12 months (≤ 300 ms).</summary>
    public static readonly string[] ReportMonthPaths = [ReportMonthPath, ScheduleMonthPath, LoyaltyMonthPath, OutcomesMonthPath, LiabilityMonthPath];

    private static async Task<List<Measurement>> ReportsAsync(string connectionString, string scale, string setup, int run, int seconds, int[] pids, HttpClient desk)
    {
        var zone = new ClinicTimeZone(ChainData.TimeZone);
        var today = zone.Today(DateTimeOffset.UtcNow);
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var month = $"From={lastMonth:yyyy-MM-dd}&To={lastMonth.AddMonths(1).AddDays(-1):yyyy-MM-dd}";
        var year = $"From={lastMonth.AddMonths(-11):yyyy-MM-dd}&To={lastMonth.AddMonths(1).AddDays(-1):yyyy-MM-dd}";
        var standby = Environment.GetEnvironmentVariable("BENCH_STANDBY") is { Length: > 0 } onStandby ? onStandby : connectionString;
        (string Name, string Url)[] reads =
        [
            (ReportMonthPath, $"/admin/reports/money?{month}&By=day"),
            (ReportYearPath, $"/admin/reports/money?{year}&By=month"),
            (ScheduleMonthPath, $"/admin/reports/schedule?{month}&By=day"),
            (ScheduleYearPath, $"/admin/reports/schedule?{year}&By=month"),
            (LoyaltyMonthPath, $"/admin/reports/loyalty?{month}"),
            (LoyaltyYearPath, $"/admin/reports/loyalty?{year}"),
            (OutcomesMonthPath, $"/reports/outcomes?{month}"),
            (OutcomesYearPath, $"/reports/outcomes?{year}"),
            (LiabilityMonthPath, $"/admin/reports/liability?{month}&By=day"),
            (LiabilityYearPath, $"/admin/reports/liability?{year}&By=month"),
        ];
        var results = new List<Measurement>();
        foreach (var (name, url) in reads)
        {
            var scansBefore = await SeqScansAsync(standby);
            var alone = await LoadAsync([desk], _ => Get(url), seconds, 1, pids);
            await Task.Delay(1200); // PostgreSQL publishes its table statistics within a second.
            results.Add(alone.ToMeasurement(scale, setup, "app", name, run, 1, await SeqScansAsync(standby) - scansBefore));
        }

        return results;
    }
}
