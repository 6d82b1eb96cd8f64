using MicroSpa.Web.Infrastructure.Csv;

namespace MicroSpa.Web.Features.Reports;

/// <summary>
/// The liability report as CSV, the same figures as the page (SafeCsv): the liability at the close of each row's last
/// day, then per package at the period's end and at the previous period's end.
/// </summary>
public static class LiabilityReportCsv
{
    public static string FileName(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return $"liability-{period.From:yyyy-MM-dd}-to-{period.To:yyyy-MM-dd}.csv";
    }

    public static string Write(LiabilityReport.Result report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _ = report.Period ?? throw new ArgumentException("A report without a period has no figures.", nameof(report));
        var rows = new List<object?[]>();
        foreach (var row in report.Rows)
        {
            rows.Add(["row", row.Bucket.Label, row.Balance.Day, row.Balance.Lots, row.Balance.Sessions, row.Balance.Amount]);
        }

        rows.Add(["previous period end", string.Empty, report.Previous.Day, report.Previous.Lots, report.Previous.Sessions, report.Previous.Amount]);
        foreach (var package in report.Packages)
        {
            if (package.Current is { } now)
            {
                rows.Add(["package", package.Package, report.Current.Day, now.Lots, now.Sessions, now.Amount]);
            }

            if (package.Previous is { } before)
            {
                rows.Add(["package", package.Package, report.Previous.Day, before.Lots, before.Sessions, before.Amount]);
            }
        }

        return SafeCsv.ToText(["kind", "name", "at_close_of", "lots", "sessions", "liability"], rows);
    }
}
