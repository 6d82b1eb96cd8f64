using MicroSpa.Data;
using MicroSpa.Domain.Plans;
using MicroSpa.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Reports;

/// <summary>
/// Series completion (issue 21, decision 060): the treatment plans started in a period, by indication, and how many of them
/// have had all their planned sessions signed by now, how many were ended before that, and how many still run; beside the
/// plans started in the previous period.
/// </summary>
public static class SeriesCompletion
{
    /// <summary>The plans of one cohort: started, finished by now, ended early; the rest still run.</summary>
    public sealed record Figures(long Started, long Finished, long EndedEarly)
    {
        public long Running => Started - Finished - EndedEarly;

        public decimal? Rate => ScheduleFigures.Percent(Finished, Started);
    }

    /// <summary>One indication (or every indication, when <see cref="Indication"/> is null) this period and the previous one.</summary>
    public sealed record Line(Indication? Indication, Figures Current, Figures Previous)
    {
        public string Label => Indication is { } i ? PlanOverview.Describe(i) : "All indications";

        public string Key => Indication?.ToString() ?? "all";

        public decimal? Change => Current.Rate is { } c && Previous.Rate is { } p ? c - p : null;
    }

    public static readonly Figures None = new(0, 0, 0);

    /// <summary>The figures with their sentence, under the table and in docs/reports.md.</summary>
    public static readonly IReadOnlyList<(string Key, string Label, string Sentence)> Definitions =
    [
        ("series_started", "Plans started",
            "The treatment plans whose first day falls in the period, by the plan's indication; a plan of a client since merged into another counts once, under the record kept."),
        ("series_finished", "Finished",
            "Of those, the plans with at least their planned number of sessions signed by now (sessions after the period count, and so does a plan ended after its last planned session)."),
        ("series_ended_early", "Ended early",
            "Of those, the plans a clinician ended with fewer signed sessions than planned; a plan reopened since counts as running."),
        ("series_running", "Still running",
            "Of those, the plans neither finished nor ended."),
        ("series_completion_rate", "Completion",
            "Finished over plans started, as a percent; an older cohort has had longer to finish, so the previous period's rate is usually higher."),
    ];

    private sealed record Row(string Indication, bool IsCurrent, long Started, long Finished, long EndedEarly);

    /// <summary>One line per indication with a plan started in either period, in the order of the list of indications, then the total.</summary>
    /// <param name="db">The reporting database (the standby when one is configured).</param>
    /// <param name="period">The period; its previous one is read with it.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static async Task<IReadOnlyList<Line>> ReadAsync(MicroSpaDbContext db, ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(period);
        var (from, previousFrom, to) = (period.From, period.Previous.From, period.To);
        var rows = await db.Database.SqlQuery<Row>($"""
            WITH plans AS (
                SELECT p.indication, p.planned_sessions, p.ended_on, p.starts_on >= {from} AS is_current,
                       (SELECT count(*) FROM plan_sessions ps JOIN treatment_records r ON r.id = ps.treatment_record_id AND r.status = 'Signed'
                        WHERE ps.plan_id = p.id) AS done
                FROM treatment_plans p
                WHERE p.starts_on >= {previousFrom} AND p.starts_on <= {to}
            )
            SELECT indication, is_current, count(*) AS started,
                   count(*) FILTER (WHERE done >= planned_sessions) AS finished,
                   count(*) FILTER (WHERE done < planned_sessions AND ended_on IS NOT NULL) AS ended_early
            FROM plans GROUP BY indication, is_current
            """).ToListAsync(cancellationToken);

        Figures Of(IEnumerable<Row> some) => some.Aggregate(None, (f, r) => new Figures(f.Started + r.Started, f.Finished + r.Finished, f.EndedEarly + r.EndedEarly));
        var lines = rows
            .Select(r => Enum.TryParse<Indication>(r.Indication, out var i) ? i : (Indication?)null)
            .OfType<Indication>()
            .Distinct()
            .Order()
            .Select(i => new Line(i, Of(rows.Where(r => r.IsCurrent && r.Indication == i.ToString())), Of(rows.Where(r => !r.IsCurrent && r.Indication == i.ToString()))))
            .ToList();
        lines.Add(new Line(null, Of(rows.Where(r => r.IsCurrent)), Of(rows.Where(r => !r.IsCurrent))));
        return lines;
    }
}
