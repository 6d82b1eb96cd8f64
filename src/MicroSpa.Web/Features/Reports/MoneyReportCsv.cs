using MicroSpa.Web.Infrastructure.Csv;

namespace MicroSpa.Web.Features.Reports;

/// <summary>
/// The money report as CSV, the same figures as the page (SafeCsv): a row per day, week or month of the period, its
/// total, and the previous period's total; a column per figure (the keys docs/reports.md defines), per provider's tips kept
/// and per provider's commission (decision 058).
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

    /// <summary>The breakdowns (by service, product, provider, tender) and the commission per provider as one long table: a row per table, name and figure.</summary>
    public static string WriteBreakdowns(MoneyReport.Result report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Breakdowns.Append(report.Commission.Table).SelectMany(t => t.Rows.SelectMany(r => t.Columns.Select((c, i) => new object?[] { t.Key, r.Name, c.Key, r.Current[i], r.Previous[i] })));
        return SafeCsv.ToText(["table", "name", "figure", "this_period", "previous_period"], rows);
    }

    public static string Write(MoneyReport.Result report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var period = report.Period ?? throw new ArgumentException("A report without a period has no figures.", nameof(report));
        var header = new List<string> { "row", "from", "to" };
        header.AddRange(MoneyFigures.Definitions.Select(d => d.Key));
        header.AddRange(report.Tips.Select(t => $"tips_kept: {t.Name}"));
        var commission = report.Commission;
        header.AddRange(commission.Providers.Select(p => $"commission: {p.Name}"));

        object?[] Line(string row, DateOnly from, DateOnly to, MoneyFigures figures, MoneyCommission.Figures earned) =>
            [row, from, to, .. MoneyFigures.Definitions.Select(d => (object?)d.Value(figures)), .. report.Tips.Select(t => (object?)figures.TipsKept(t.ProviderId)),
                .. commission.Providers.Select(p => (object?)earned.Commission(p.Id))];

        var previous = period.Previous;
        var rows = report.Rows.Select((r, i) => Line(r.Bucket.Label, r.Bucket.From, r.Bucket.To, r.Figures, commission.Rows.Count > i ? commission.Rows[i] : new()))
            .Append(Line("Total", period.From, period.To, report.Current, commission.Current))
            .Append(Line("Previous period", previous.From, previous.To, report.Previous, commission.Previous));
        return SafeCsv.ToText(header, rows);
    }
}
