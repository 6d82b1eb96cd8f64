using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Reports;

/// <summary>
/// Whether clients come back (issue 21, decision 055): the prebook rate and the rebooking within 7 days of the visits of a
/// range of clinic days, the retention of the clients whose first visit fell in it (back within 90 and 180 days), and the
/// lapsed clients at its end, beside the previous period; with the recall list of the lapsed clients as CSV. A visit is
/// an appointment the client came to (checked in, treated or completed); a merged duplicate counts as the record kept.
/// </summary>
public static class LoyaltyReport
{
    /// <summary>A client is lapsed when their last visit is at least this many months before the period's last day.</summary>
    public const int LapsedMonths = 6;

    public sealed record Figures(long Visits, long Prebooked, long Rebooked7, long FirstVisits, long Back90, long Back180, long Lapsed, long MaintenanceDue = 0);

    public sealed record Comparison(string Key, string Label, FigureUnit Unit, decimal? Current, decimal? Previous, string Sentence)
    {
        public decimal? Change => Current is { } c && Previous is { } p ? c - p : null;
    }

    public sealed record Definition(string Key, string Label, FigureUnit Unit, Func<Figures, decimal?> Value, string Sentence);

    /// <summary>One client of the recall list: whom to write to, and when they last came.</summary>
    public sealed record LapsedClient(Guid ClientId, string FirstName, string LastName, string? Email, string? Phone, DateTimeOffset LastVisit);

    public sealed record Result(
        ReportQuery Query, ReportPeriod? Period, Figures Current, Figures Previous, IReadOnlyList<Comparison> Summary, long OptedOut,
        IReadOnlyList<SeriesCompletion.Line> Series, long MaintenanceOptedOut = 0);

    public static readonly Figures None = new(0, 0, 0, 0, 0, 0, 0);

    private static decimal? Percent(long part, long whole) => ScheduleFigures.Percent(part, whole);

    /// <summary>The figures with the sentence under the table and in docs/reports.md that says what each counts.</summary>
    public static readonly IReadOnlyList<Definition> Definitions =
    [
        new("visits", "Visits", FigureUnit.Count, f => f.Visits,
            "The appointments of the period the client came to (checked in, treated or completed), dated by the clinic day of their start; no-shows and cancelled ones are not visits."),
        new("prebooked", "Visits prebooked", FigureUnit.Count, f => f.Prebooked,
            "The visits after which the same client has a later appointment booked before the end of the visit's clinic day (at checkout or earlier), whatever became of that appointment since; an online booking never paid for is not one."),
        new("prebook_rate", "Prebook rate", FigureUnit.Percent, f => Percent(f.Prebooked, f.Visits),
            "Visits prebooked over visits, as a percent."),
        new("rebooked_7_days", "Visits rebooked within 7 days", FigureUnit.Count, f => f.Rebooked7,
            "The visits after which the same client has a later appointment booked before the end of the 7th clinic day after the visit's day (prebooked ones included)."),
        new("rebook_rate_7_days", "Rebooking rate within 7 days", FigureUnit.Percent, f => Percent(f.Rebooked7, f.Visits),
            "Visits rebooked within 7 days over visits, as a percent."),
        new("first_visits", "First-time clients", FigureUnit.Count, f => f.FirstVisits,
            "The clients whose first visit ever (merged records as the record kept) falls in the period."),
        new("back_within_90_days", "Back within 90 days", FigureUnit.Count, f => f.Back90,
            "Of those, the clients who came to another visit that started within 90 days (of 24 hours) after the start of their first; for a recent period the window may not be over yet."),
        new("retention_90_days", "Retention at 90 days", FigureUnit.Percent, f => Percent(f.Back90, f.FirstVisits),
            "Back within 90 days over first-time clients, as a percent."),
        new("back_within_180_days", "Back within 180 days", FigureUnit.Count, f => f.Back180,
            "Of those, the clients who came to another visit that started within 180 days after the start of their first."),
        new("retention_180_days", "Retention at 180 days", FigureUnit.Percent, f => Percent(f.Back180, f.FirstVisits),
            "Back within 180 days over first-time clients, as a percent."),
        new("lapsed_clients", "Lapsed clients", FigureUnit.Count, f => f.Lapsed,
            "The clients who have come at least once and whose last visit before the end of the period was on or before the clinic day 6 months before the period's last day."),
        new("overdue_maintenance", "Maintenance due", FigureUnit.Count, f => f.MaintenanceDue,
            "At the period's end, the clients with a finished series (the plan's planned sessions signed, the plan not ended) whose maintenance fell due on or before the period's last day (the last session's clinic day plus the plan's maintenance interval) and who have had no visit and no booking since that session (an appointment cancelled or missed since is none)."),
    ];

    /// <summary>What the recall list holds.</summary>
    public const string RecallDefinition =
        "The recall list (CSV) names the period's lapsed clients with their email, phone and last visit, leaving out those who opted out of reminders: the app records no separate marketing consent, and a client who asked for no reminders is not written to for a recall.";

    /// <remarks>Reads from the reporting database: the standby when one is configured (decision 054).</remarks>
    public sealed class Handler(ReportingDatabase reporting, ClinicTimeZone zone, TimeProvider clock)
    {
        private MicroSpaDbContext db = null!;

        public DateOnly Today => zone.Today(clock.GetUtcNow());

        public async Task<(Result Result, IReadOnlyDictionary<string, string> Errors)> HandleAsync(ReportQuery query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var (period, errors) = ReportPeriod.Read(query, Today);
            if (period is null)
            {
                return (new Result(query, null, None, None, [], 0, []), errors);
            }

            db = await reporting.OpenAsync(cancellationToken);
            var previous = period.Previous;
            var sums = await SumsAsync(period, cancellationToken);
            var (current, before) = (sums.SingleOrDefault(s => s.IsCurrent)?.Figures ?? None, sums.SingleOrDefault(s => !s.IsCurrent)?.Figures ?? None);
            var lapsed = await LapsedAsync(period, previous, cancellationToken);
            var due = await OverdueMaintenance.AtCloseOfAsync(db, zone, period.To, cancellationToken);
            var dueBefore = await OverdueMaintenance.AtCloseOfAsync(db, zone, previous.To, cancellationToken);
            current = current with { Lapsed = lapsed.LapsedNow, MaintenanceDue = due.Count };
            before = before with { Lapsed = lapsed.LapsedBefore, MaintenanceDue = dueBefore.Count };
            var summary = Definitions.Select(d => new Comparison(d.Key, d.Label, d.Unit, d.Value(current), d.Value(before), d.Sentence)).ToList();
            var series = await SeriesCompletion.ReadAsync(db, period, cancellationToken);
            return (new Result(query, period, current, before, summary, lapsed.OptedOut, series, due.Count(c => c.OptedOutOfReminders)), errors);
        }

        /// <summary>The recall list of the period's lapsed clients (opted-out ones left out), the longest lapsed first.</summary>
        public async Task<IReadOnlyList<LapsedClient>> RecallAsync(ReportPeriod period, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(period);
            db = await reporting.OpenAsync(cancellationToken);
            var (_, end) = zone.DayBounds(period.To);
            var (_, cutoff) = zone.DayBounds(period.To.AddMonths(-LapsedMonths));
            return await db.Database.SqlQuery<LapsedClient>($"""
                WITH last AS (
                    SELECT coalesce(c.merged_into_id, a.client_id) AS client_id, max(a.starts_at) AS last_visit
                    FROM appointments a JOIN clients c ON c.id = a.client_id
                    WHERE a.status IN ('CheckedIn', 'InTreatment', 'Completed') AND a.starts_at < {end}
                    GROUP BY 1
                )
                SELECT k.id AS client_id, k.first_name, k.last_name, k.email, k.phone, l.last_visit
                FROM last l JOIN clients k ON k.id = l.client_id
                WHERE l.last_visit < {cutoff} AND NOT k.opted_out_of_reminders AND k.merged_into_id IS NULL
                ORDER BY l.last_visit, k.id
                """).ToListAsync(cancellationToken);
        }

        /// <summary>The maintenance list at the period's end: the clients due, opted-out ones left out, the longest due first.</summary>
        public async Task<IReadOnlyList<OverdueMaintenance.Client>> MaintenanceDueAsync(ReportPeriod period, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(period);
            db = await reporting.OpenAsync(cancellationToken);
            return [.. (await OverdueMaintenance.AtCloseOfAsync(db, zone, period.To, cancellationToken)).Where(c => !c.OptedOutOfReminders)];
        }

        public sealed record Lapsed(long LapsedNow, long LapsedBefore, long OptedOut);

        public sealed record PeriodSum(bool IsCurrent, long Visits, long Prebooked, long Rebooked7, long FirstVisits, long Back90, long Back180)
        {
            public Figures Figures => new(Visits, Prebooked, Rebooked7, FirstVisits, Back90, Back180, 0);
        }

        /// <summary>
        /// The visits of both periods with whether a later appointment was booked by the end of their day or of the 7th day
        /// after, and the clients whose first visit fell in either period with whether they came back. The visits are read by
        /// <c>starts_at</c>; each looks up its client's other appointments on <c>(client_id, starts_at)</c>, its own and its
        /// merged records' apart (decision 063: the whole history in CTEs probed per visit was quadratic).
        /// </summary>
        private Task<List<PeriodSum>> SumsAsync(ReportPeriod period, CancellationToken cancellationToken)
        {
            var (start, _) = zone.DayBounds(period.Previous.From);
            var (currentStart, _) = zone.DayBounds(period.From);
            var (_, end) = zone.DayBounds(period.To);
            return db.Database.SqlQuery<PeriodSum>($"""
                WITH p AS (
                    SELECT coalesce(c.merged_into_id, a.client_id) AS client_id, a.starts_at, a.starts_at >= {currentStart} AS is_current,
                           ((((a.starts_at AT TIME ZONE {zone.Id})::date) + 1)::timestamp AT TIME ZONE {zone.Id}) AS day_end,
                           ((((a.starts_at AT TIME ZONE {zone.Id})::date) + 8)::timestamp AT TIME ZONE {zone.Id}) AS week_end
                    FROM appointments a JOIN clients c ON c.id = a.client_id
                    WHERE a.status IN ('CheckedIn', 'InTreatment', 'Completed') AND a.starts_at >= {start} AND a.starts_at < {end}
                ), rebooked AS (
                    SELECT p.is_current, count(*) AS visits,
                           count(*) FILTER (WHERE n.booked_at < p.day_end) AS prebooked,
                           count(*) FILTER (WHERE n.booked_at < p.week_end) AS rebooked7
                    FROM p LEFT JOIN LATERAL (
                        SELECT min(x.created_at) AS booked_at FROM (
                            SELECT b.created_at FROM appointments b
                            WHERE b.client_id = p.client_id AND b.starts_at > p.starts_at AND b.created_at < p.week_end
                              AND b.status <> 'Held' AND b.cancellation_reason IS DISTINCT FROM 'HoldReleased'
                            UNION ALL
                            SELECT b.created_at FROM clients m JOIN appointments b ON b.client_id = m.id
                            WHERE m.merged_into_id = p.client_id AND b.starts_at > p.starts_at AND b.created_at < p.week_end
                              AND b.status <> 'Held' AND b.cancellation_reason IS DISTINCT FROM 'HoldReleased') x
                    ) n ON true
                    GROUP BY p.is_current
                ), firsts AS (
                    SELECT f.client_id, f.first_at FROM (SELECT client_id, min(starts_at) AS first_at FROM p GROUP BY client_id) f
                    WHERE NOT EXISTS (SELECT 1 FROM appointments v
                                      WHERE v.client_id = f.client_id AND v.status IN ('CheckedIn', 'InTreatment', 'Completed') AND v.starts_at < f.first_at)
                      AND NOT EXISTS (SELECT 1 FROM clients m JOIN appointments v ON v.client_id = m.id
                                      WHERE m.merged_into_id = f.client_id AND v.status IN ('CheckedIn', 'InTreatment', 'Completed') AND v.starts_at < f.first_at)
                ), retained AS (
                    SELECT f.first_at >= {currentStart} AS is_current, count(*) AS first_visits,
                           count(*) FILTER (WHERE n.next_at <= f.first_at + interval '90 days') AS back90,
                           count(*) FILTER (WHERE n.next_at <= f.first_at + interval '180 days') AS back180
                    FROM firsts f LEFT JOIN LATERAL (
                        SELECT min(x.starts_at) AS next_at FROM (
                            SELECT v.starts_at FROM appointments v
                            WHERE v.client_id = f.client_id AND v.status IN ('CheckedIn', 'InTreatment', 'Completed')
                              AND v.starts_at > f.first_at AND v.starts_at <= f.first_at + interval '180 days'
                            UNION ALL
                            SELECT v.starts_at FROM clients m JOIN appointments v ON v.client_id = m.id
                            WHERE m.merged_into_id = f.client_id AND v.status IN ('CheckedIn', 'InTreatment', 'Completed')
                              AND v.starts_at > f.first_at AND v.starts_at <= f.first_at + interval '180 days') x
                    ) n ON true
                    GROUP BY 1
                )
                SELECT coalesce(r.is_current, t.is_current) AS is_current, coalesce(r.visits, 0) AS visits, coalesce(r.prebooked, 0) AS prebooked,
                       coalesce(r.rebooked7, 0) AS rebooked7, coalesce(t.first_visits, 0) AS first_visits, coalesce(t.back90, 0) AS back90, coalesce(t.back180, 0) AS back180
                FROM rebooked r FULL JOIN retained t ON t.is_current = r.is_current
                """).ToListAsync(cancellationToken);
        }

        /// <summary>The lapsed clients at the end of each period, and how many of this period's opted out of reminders.</summary>
        private async Task<Lapsed> LapsedAsync(ReportPeriod period, ReportPeriod previous, CancellationToken cancellationToken)
        {
            var (_, end) = zone.DayBounds(period.To);
            var (_, previousEnd) = zone.DayBounds(previous.To);
            var (_, cutoff) = zone.DayBounds(period.To.AddMonths(-LapsedMonths));
            var (_, previousCutoff) = zone.DayBounds(previous.To.AddMonths(-LapsedMonths));
            var rows = await db.Database.SqlQuery<Lapsed>($"""
                WITH own AS (
                    SELECT a.client_id,
                           max(a.starts_at) FILTER (WHERE a.starts_at < {end}) AS last_current,
                           max(a.starts_at) FILTER (WHERE a.starts_at < {previousEnd}) AS last_previous
                    FROM appointments a
                    WHERE a.status IN ('CheckedIn', 'InTreatment', 'Completed')
                    GROUP BY a.client_id
                ), last AS (
                    SELECT coalesce(c.merged_into_id, o.client_id) AS client_id, max(o.last_current) AS last_current, max(o.last_previous) AS last_previous
                    FROM own o JOIN clients c ON c.id = o.client_id
                    GROUP BY 1
                )
                SELECT count(*) FILTER (WHERE l.last_current < {cutoff}) AS lapsed_now,
                       count(*) FILTER (WHERE l.last_previous < {previousCutoff}) AS lapsed_before,
                       count(*) FILTER (WHERE l.last_current < {cutoff} AND k.opted_out_of_reminders) AS opted_out
                FROM last l JOIN clients k ON k.id = l.client_id
                """).ToListAsync(cancellationToken);
            return rows.Single();
        }
    }
}
