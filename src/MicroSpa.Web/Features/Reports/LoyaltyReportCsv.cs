using MicroSpa.Web.Infrastructure.Csv;

namespace MicroSpa.Web.Features.Reports;

/// <summary>The loyalty report as CSV (SafeCsv): its figures beside the previous period's; and the recall list of lapsed clients.</summary>
public static class LoyaltyReportCsv
{
    public static string FileName(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return $"loyalty-{period.From:yyyy-MM-dd}-to-{period.To:yyyy-MM-dd}.csv";
    }

    public static string RecallFileName(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return $"recall-lapsed-at-{period.To:yyyy-MM-dd}.csv";
    }

    public static string Write(LoyaltyReport.Result report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var period = report.Period ?? throw new ArgumentException("A report without a period has no figures.", nameof(report));
        return SafeCsv.ToText(["figure", "from", "to", "this_period", "previous_period"],
            report.Summary.Select(c => new object?[] { c.Key, period.From, period.To, c.Current, c.Previous }));
    }

    /// <summary>The recall list: names and contacts (the Admin's and a Manager's download, never logged), last visit as a clinic day.</summary>
    public static string WriteRecall(IReadOnlyList<LoyaltyReport.LapsedClient> clients, Func<DateTimeOffset, DateOnly> clinicDay)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(clinicDay);
        return SafeCsv.ToText(["client_id", "first_name", "last_name", "email", "phone", "last_visit"],
            clients.Select(c => new object?[] { c.ClientId, c.FirstName, c.LastName, c.Email, c.Phone, clinicDay(c.LastVisit) }));
    }

    public static string SeriesFileName(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return $"series-completion-{period.From:yyyy-MM-dd}-to-{period.To:yyyy-MM-dd}.csv";
    }

    /// <summary>Series completion: a row per indication and one for all, this period's cohort beside the previous one's.</summary>
    public static string WriteSeries(LoyaltyReport.Result report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var period = report.Period ?? throw new ArgumentException("A report without a period has no figures.", nameof(report));
        return SafeCsv.ToText(
            ["indication", "from", "to", "started", "finished", "ended_early", "running", "completion_rate", "previous_started", "previous_finished", "previous_completion_rate"],
            report.Series.Select(l => new object?[]
            {
                l.Key, period.From, period.To, l.Current.Started, l.Current.Finished, l.Current.EndedEarly, l.Current.Running, l.Current.Rate,
                l.Previous.Started, l.Previous.Finished, l.Previous.Rate,
            }));
    }

    public static string MaintenanceFileName(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return $"maintenance-due-at-{period.To:yyyy-MM-dd}.csv";
    }

    /// <summary>The maintenance list: names and contacts (the Admin's and a Manager's download, never logged), the indications due and the days.</summary>
    public static string WriteMaintenance(IReadOnlyList<OverdueMaintenance.Client> clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        return SafeCsv.ToText(["client_id", "first_name", "last_name", "email", "phone", "indications", "last_session", "due_on"],
            clients.Select(c => new object?[] { c.ClientId, c.FirstName, c.LastName, c.Email, c.Phone, c.Describe(), c.LastSession, c.DueOn }));
    }
}
