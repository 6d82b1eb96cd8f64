using MicroSpa.Web.Infrastructure.Csv;

namespace MicroSpa.Web.Features.Reports;

/// <summary>
/// The schedule report as CSV, the same figures as the page (SafeCsv), one long table: the period's figures beside the
/// previous period's (scope <c>clinic</c>, the keys docs/reports.md defines), the booked and available hours and the
/// utilisation of each provider, room and device, then each row of the period (its previous value left empty).
/// </summary>
public static class ScheduleReportCsv
{
    public static string FileName(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return $"schedule-{period.From:yyyy-MM-dd}-to-{period.To:yyyy-MM-dd}.csv";
    }

    public static string Write(ScheduleReport.Result report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var period = report.Period ?? throw new ArgumentException("A report without a period has no figures.", nameof(report));
        var summary = report.Summary.Select(c => new object?[] { "clinic", "", period.From, period.To, c.Key, c.Current, c.Previous });
        var resources = report.Resources.SelectMany(r => new[]
        {
            new object?[] { r.Kind, r.Name, period.From, period.To, "booked_hours", r.Booked, r.PreviousBooked },
            [r.Kind, r.Name, period.From, period.To, "available_hours", r.Available, r.PreviousAvailable],
            [r.Kind, r.Name, period.From, period.To, "utilisation", r.Utilisation, r.PreviousUtilisation],
        });
        var rows = report.Rows.SelectMany(r => ScheduleFigures.Definitions.Where(d => !ScheduleFigures.PeriodOnly.Contains(d.Key))
            .Select(d => new object?[] { "row", r.Bucket.Label, r.Bucket.From, r.Bucket.To, d.Key, d.Value(r.Figures), null }));
        return SafeCsv.ToText(["scope", "name", "from", "to", "figure", "this_period", "previous_period"], summary.Concat(resources).Concat(rows));
    }
}
