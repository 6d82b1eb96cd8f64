using MicroSpa.Web.Infrastructure.Csv;

namespace MicroSpa.Web.Features.Reports;

/// <summary>
/// The money report as CSV, the same figures as the page (SafeCsv): a row per day, week or month of the period, its
/// total, and the previous period's total; a column per figure (the keys docs/reports.md defines) and per provider's tips kept.
/// </summary>
public static class MoneyReportCsv
{
    public static string FileName(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return $"money-{period.From:yyyy-MM-dd}-to-{period.To:yyyy-MM-dd}.csv";
    }

    public static string BreakdownsFileName(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return $"money-breakdowns-{period.From:yyyy-MM-dd}-to-{period.To:yyyy-MM-dd}.csv";
    }

    /// <summary>The breakdowns (by service, product, provider, tender) as one long table: a row per table, name and figure.</summary>
    public static string WriteBreakdowns(MoneyReport.Result report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Breakdowns.SelectMany(t => t.Rows.SelectMany(r => t.Columns.Select((c, i) => new object?[] { t.Key, r.Name, c.Key, r.Current[i], r.Previous[i] })));
        return SafeCsv.ToText(["table", "name", "figure", "this_period", "previous_period"], rows);
    }

    public static string Write(MoneyReport.Result report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var period = report.Period ?? throw new ArgumentException("A report without a period has no figures.", nameof(report));
        var header = new List<string> { "row", "from", "to" };
        header.AddRange(MoneyFigures.Definitions.Select(d => d.Key));
        header.AddRange(report.Tips.Select(t => $"tips_kept: {t.Name}"));

        object?[] Line(string row, DateOnly from, DateOnly to, MoneyFigures figures) =>
            [row, from, to, .. MoneyFigures.Definitions.Select(d => (object?)d.Value(figures)), .. report.Tips.Select(t => (object?)figures.TipsKept(t.ProviderId))];

        var previous = period.Previous;
        var rows = report.Rows.Select(r => Line(r.Bucket.Label, r.Bucket.From, r.Bucket.To, r.Figures))
            .Append(Line("Total", period.From, period.To, report.Current))
            .Append(Line("Previous period", previous.From, previous.To, report.Previous));
        return SafeCsv.ToText(header, rows);
    }
}
