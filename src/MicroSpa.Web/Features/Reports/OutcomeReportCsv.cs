using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Csv;

namespace MicroSpa.Web.Features.Reports;

/// <summary>
/// The outcome report as CSV (SafeCsv), the page's table row for row: the indication, its scale, the area, the session
/// number, then a column per figure (the keys of <see cref="OutcomeReport.Definitions"/>, docs/reports.md).
/// </summary>
public static class OutcomeReportCsv
{
    public static string FileName(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return $"outcomes-{period.From:yyyy-MM-dd}-to-{period.To:yyyy-MM-dd}.csv";
    }

    public static string Write(OutcomeReport.Result report)
    {
        ArgumentNullException.ThrowIfNull(report);
        string[] header = ["indication", "scale", "area", .. OutcomeReport.Definitions.Select(d => d.Key)];
        var rows = report.Rows.Select(r => new object?[]
        {
            PlanOverview.Describe(r.Indication), r.Scale.ToString(), r.Area, r.Session,
            r.Current.Areas, r.Current.Clients, r.Current.Scored, r.Current.MeanScore, r.Current.Rated, r.Current.MeanRating,
            r.Current.Changed, r.Current.MeanChange, r.Current.MeanDepthMm, r.Current.MinDepthMm, r.Current.MaxDepthMm,
            r.Previous.Areas, r.Previous.MeanScore,
        });
        return SafeCsv.ToText(header, rows);
    }
}
