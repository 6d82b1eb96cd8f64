using System.Globalization;
using MicroSpa.Data;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Reports;

/// <summary>The outcome report's address: the clinic days, and optionally one indication and one body area.</summary>
public sealed class OutcomeQuery
{
    /// <summary>The first clinic day, yyyy-MM-dd.</summary>
    public string? From { get; set; }

    /// <summary>The last clinic day, included.</summary>
    public string? To { get; set; }

    /// <summary>An indication's name (AcneScars, StretchMarks…); empty for all.</summary>
    public string? Indication { get; set; }

    /// <summary>A body area's id; empty for all.</summary>
    public string? Area { get; set; }
}

/// <summary>
/// Clinical outcomes per protocol (issue 21, decision 053): per indication, body area and session number of the plan, the
/// areas charted, the provider's score and the client's own rating, the change from the area's first scored session and
/// the depth used, over the signed sessions of a range of clinic days beside the previous period. One grouped query.
/// No money, no names: clinicians read it as the Admin and a Manager do.
/// </summary>
public static class OutcomeReport
{
    /// <summary>What one row counts in one period.</summary>
    public sealed record Figures(
        int Areas, int Clients, int Scored, decimal? MeanScore, int Rated, decimal? MeanRating, int Changed, decimal? MeanChange,
        decimal? MeanDepthMm, decimal? MinDepthMm, decimal? MaxDepthMm)
    {
        public static readonly Figures None = new(0, 0, 0, null, 0, null, 0, null, null, null, null);
    }

    /// <summary>One indication, area and session number: this period's figures and the previous period's.</summary>
    public sealed record Row(Indication Indication, Guid AreaId, string Area, int Session, ProgressScale Scale, Figures Current, Figures Previous);

    /// <summary>One session number on an indication's chart: the means over every area of that indication.</summary>
    public sealed record Point(int Session, int Scored, decimal? MeanScore, int Rated, decimal? MeanRating);

    public sealed record Series(Indication Indication, ProgressScale Scale, IReadOnlyList<Point> Points);

    public sealed record Choice(string Value, string Label);

    public sealed record Result(
        OutcomeQuery Query, ReportPeriod? Period, IReadOnlyList<Row> Rows, IReadOnlyList<Series> Chart, IReadOnlyList<Choice> Indications, IReadOnlyList<Choice> Areas)
    {
        public bool HasFigures => Period is not null;
    }

    /// <summary>A column of the table and the CSV: its key (docs/reports.md), its heading, and the sentence saying what it counts.</summary>
    public sealed record Definition(string Key, string Label, string Sentence);

    /// <summary>Every figure's sentence, once: printed under the table and copied into docs/reports.md (a test compares them).</summary>
    public static readonly IReadOnlyList<Definition> Definitions =
    [
        new("session", "Session", "The session's number in its treatment plan: the plan's signed sessions counted in the order of their appointments, whatever the range, so a third session in the range is still the third."),
        new("areas", "Areas charted", "The body areas charted at that session number on the signed sessions in the period: an area of one client's session counts once."),
        new("clients", "Clients", "The clients those areas belong to; a client merged into another counts once, as the kept client."),
        new("scored", "Provider scores", "How many of those areas the provider scored, on the indication's scale: Goodman & Baron for acne scars (1 macular – 4 severe), global improvement otherwise (1 very much improved – 5 worse)."),
        new("mean_score", "Mean provider score", "The mean of those provider scores, to two decimals; lower is better on both scales."),
        new("rated", "Client ratings", "How many of those areas the client rated themself (global improvement, 1 very much improved – 5 worse); an area the client has not rated is left out."),
        new("mean_rating", "Mean client rating", "The mean of those ratings, to two decimals."),
        new("changed", "Changes", "How many scored areas have a first score to compare with: the provider's score of the same area at the first session of the same plan (so of the same client) where it was scored."),
        new("mean_change", "Mean change", "The mean of each scored area's score less that first score, to two decimals: negative is better, 0 at the first scored session."),
        new("mean_depth_mm", "Mean depth (mm)", "The mean needle depth charted on those areas, to two decimals."),
        new("min_depth_mm", "Shallowest (mm)", "The shallowest needle depth charted on those areas."),
        new("max_depth_mm", "Deepest (mm)", "The deepest needle depth charted on those areas."),
        new("previous_areas", "Areas, previous period", "Areas charted at that session number in the previous period."),
        new("previous_mean_score", "Mean provider score, previous period", "The mean provider score at that session number in the previous period."),
    ];

    /// <summary>Which sessions count, said once under the table and in docs/reports.md.</summary>
    public const string Counted =
        "Counted: the signed treatment charts that are a session of a treatment plan, dated by their appointment's clinic day; the indication is the plan's. Drafts, charts in no plan and consultation records are not counted.";

    /// <summary>One sum the query answers: an indication, area and session number of one period (columns named as the model's convention names them).</summary>
    public sealed record Sum(
        bool Previous, string Indication, Guid BodyAreaId, string AreaName, int Session, int Areas, int Clients, int Scored, long ScoreSum, int Rated,
        long RatingSum, int Changed, long ChangeSum, int Depths, decimal? DepthSum, decimal? MinDepth, decimal? MaxDepth);

    /// <remarks>Reads from the reporting database: the standby when one is configured (docs/scaling.md).</remarks>
    public sealed class Handler(ReportingDatabase reporting, ClinicTimeZone zone, TimeProvider clock)
    {
        private MicroSpaDbContext db = null!;

        /// <summary>Without dates: the twelve whole months ending with this one, so a series of monthly sessions shows.</summary>
        public const int DefaultMonths = 12;

        public DateOnly Today => zone.Today(clock.GetUtcNow());

        /// <summary>The report; with messages by field (From, To, Indication, Area) and no figures when the address makes no report.</summary>
        public async Task<(Result Result, IReadOnlyDictionary<string, string> Errors)> HandleAsync(OutcomeQuery query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            db = await reporting.OpenAsync(cancellationToken);
            var areas = await db.BodyAreas.AsNoTracking().Where(a => !a.NeverTreat).OrderBy(a => a.SortOrder).ThenBy(a => a.Name)
                .Select(a => new Choice(a.Id.ToString(), a.Name)).ToListAsync(cancellationToken);
            var indications = Enum.GetValues<Indication>().Select(i => new Choice(i.ToString(), PlanOverview.Describe(i))).ToList();

            var range = new ReportQuery { From = query.From, To = query.To };
            if (string.IsNullOrWhiteSpace(query.From) && string.IsNullOrWhiteSpace(query.To))
            {
                var first = new DateOnly(Today.Year, Today.Month, 1).AddMonths(1 - DefaultMonths);
                range.From = first.ToString(ReportPeriod.DateFormat, CultureInfo.InvariantCulture);
                range.To = first.AddMonths(DefaultMonths).AddDays(-1).ToString(ReportPeriod.DateFormat, CultureInfo.InvariantCulture);
            }

            var (period, read) = ReportPeriod.Read(range, Today);
            var errors = new Dictionary<string, string>(read);
            Indication? indication = null;
            if (!string.IsNullOrWhiteSpace(query.Indication))
            {
                if (Enum.TryParse<Indication>(query.Indication.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(query.Indication.Trim()[0]))
                {
                    indication = parsed;
                }
                else
                {
                    errors[nameof(OutcomeQuery.Indication)] = "Choose an indication from the list.";
                }
            }

            Guid? area = null;
            if (!string.IsNullOrWhiteSpace(query.Area))
            {
                if (Guid.TryParse(query.Area.Trim(), out var id) && areas.Any(a => a.Value == id.ToString()))
                {
                    area = id;
                }
                else
                {
                    errors[nameof(OutcomeQuery.Area)] = "Choose a body area from the list.";
                }
            }

            if (period is null || errors.Count > 0)
            {
                return (new Result(query, null, [], [], indications, areas), errors);
            }

            var sums = await SumsAsync(period, indication, area, cancellationToken);
            return (new Result(query, period, Rows(sums), Chart(sums), indications, areas), errors);
        }

        private static List<Row> Rows(List<Sum> sums) =>
            sums.GroupBy(s => (s.Indication, s.BodyAreaId, s.Session))
                .Select(g =>
                {
                    var first = g.First();
                    var indication = Enum.Parse<Indication>(first.Indication);
                    return new Row(indication, first.BodyAreaId, first.AreaName, first.Session, ProgressScore.ScaleFor(indication),
                        FiguresOf(g.SingleOrDefault(s => !s.Previous)), FiguresOf(g.SingleOrDefault(s => s.Previous)));
                })
                .OrderBy(r => PlanOverview.Describe(r.Indication), StringComparer.Ordinal)
                .ThenBy(r => r.Area, StringComparer.Ordinal)
                .ThenBy(r => r.Session)
                .ToList();

        private static List<Series> Chart(List<Sum> sums) =>
            sums.Where(s => !s.Previous)
                .GroupBy(s => s.Indication)
                .Select(g =>
                {
                    var indication = Enum.Parse<Indication>(g.Key);
                    var points = g.GroupBy(s => s.Session).OrderBy(s => s.Key)
                        .Select(s =>
                        {
                            var (scored, rated) = (s.Sum(x => x.Scored), s.Sum(x => x.Rated));
                            return new Point(s.Key, scored, Mean(s.Sum(x => x.ScoreSum), scored), rated, Mean(s.Sum(x => x.RatingSum), rated));
                        })
                        .ToList();
                    return new Series(indication, ProgressScore.ScaleFor(indication), points);
                })
                .OrderBy(s => PlanOverview.Describe(s.Indication), StringComparer.Ordinal)
                .ToList();

        private static Figures FiguresOf(Sum? sum) => sum is null
            ? Figures.None
            : new Figures(sum.Areas, sum.Clients, sum.Scored, Mean(sum.ScoreSum, sum.Scored), sum.Rated, Mean(sum.RatingSum, sum.Rated),
                sum.Changed, Mean(sum.ChangeSum, sum.Changed), sum.DepthSum is { } depth && sum.Depths > 0 ? Round(depth / sum.Depths) : null,
                sum.MinDepth, sum.MaxDepth);

        private static decimal? Mean(long total, int count) => count == 0 ? null : Round(total / (decimal)count);

        /// <summary>Rounded once, to two decimals, halves away from zero.</summary>
        private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

        /// <summary>
        /// The one query. Every signed session of the plans with a session in either period is numbered in its plan (by its
        /// appointment's start); its charted areas are joined to their progress scores (a provider score on another scale than
        /// the plan's is left out), each area's first scored session in its plan gives the baseline; then the areas of the
        /// sessions dated in either period are summed per period, indication, area and session number. Reads the appointments
        /// by their start (index), and from them every other row by its index through <c>LATERAL … OFFSET 0</c> (decision 063), so
        /// a month reads a month's charts instead of hashing every charted area and score of the clinic.
        /// </summary>
        private Task<List<Sum>> SumsAsync(ReportPeriod period, Indication? indication, Guid? area, CancellationToken cancellationToken)
        {
            var previous = period.Previous;
            var start = zone.DayBounds(previous.From).Start;
            var end = zone.DayBounds(period.To).End;
            var wanted = indication?.ToString();
            return db.Database.SqlQuery<Sum>($"""
                WITH plans AS (
                    SELECT DISTINCT ps.plan_id
                    FROM appointments a
                    JOIN LATERAL (SELECT r.id FROM treatment_records r WHERE r.appointment_id = a.id AND r.status = 'Signed' OFFSET 0) r ON true
                    JOIN LATERAL (SELECT ps.plan_id FROM plan_sessions ps WHERE ps.treatment_record_id = r.id OFFSET 0) ps ON true
                    WHERE a.starts_at >= {start} AND a.starts_at < {end}
                ), sessions AS (
                    SELECT ps.plan_id, p.indication, r.id AS record_id, coalesce(c.merged_into_id, c.id) AS client_id,
                           (a.starts_at AT TIME ZONE {zone.Id})::date AS day,
                           row_number() OVER (PARTITION BY ps.plan_id ORDER BY a.starts_at, r.id)::int AS session
                    FROM plans
                    JOIN LATERAL (SELECT p.indication FROM treatment_plans p WHERE p.id = plans.plan_id OFFSET 0) p ON true
                    JOIN LATERAL (SELECT ps.plan_id, ps.treatment_record_id FROM plan_sessions ps WHERE ps.plan_id = plans.plan_id OFFSET 0) ps ON true
                    JOIN LATERAL (SELECT r.id, r.appointment_id, r.client_id FROM treatment_records r
                                  WHERE r.id = ps.treatment_record_id AND r.status = 'Signed' OFFSET 0) r ON true
                    JOIN LATERAL (SELECT a.starts_at FROM appointments a WHERE a.id = r.appointment_id OFFSET 0) a ON true
                    JOIN LATERAL (SELECT c.id, c.merged_into_id FROM clients c WHERE c.id = r.client_id OFFSET 0) c ON true
                    WHERE {wanted}::text IS NULL OR p.indication = {wanted}::text
                ), charted AS (
                    SELECT s.plan_id, s.indication, s.client_id, s.day, s.session, ca.body_area_id, ca.depth_mm, sc.client_rating,
                           CASE WHEN sc.scale = CASE WHEN s.indication = 'AcneScars' THEN 'GoodmanBaron' ELSE 'GlobalImprovement' END
                                THEN sc.provider_score END AS provider_score
                    FROM sessions s
                    JOIN LATERAL (SELECT ca.body_area_id, ca.depth_mm FROM charted_areas ca WHERE ca.treatment_record_id = s.record_id OFFSET 0) ca ON true
                    LEFT JOIN LATERAL (SELECT sc.scale, sc.provider_score, sc.client_rating FROM progress_scores sc
                                       WHERE sc.treatment_record_id = s.record_id AND sc.body_area_id = ca.body_area_id OFFSET 0) sc ON true
                    WHERE {area}::uuid IS NULL OR ca.body_area_id = {area}::uuid
                ), scored AS (
                    SELECT x.*, first_value(x.provider_score) OVER (PARTITION BY x.plan_id, x.body_area_id
                               ORDER BY x.provider_score IS NULL, x.session ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS baseline
                    FROM charted x
                )
                SELECT x.day < {period.From} AS previous, x.indication, x.body_area_id, b.name AS area_name, x.session,
                       count(*)::int AS areas, count(DISTINCT x.client_id)::int AS clients,
                       count(x.provider_score)::int AS scored, coalesce(sum(x.provider_score), 0)::bigint AS score_sum,
                       count(x.client_rating)::int AS rated, coalesce(sum(x.client_rating), 0)::bigint AS rating_sum,
                       count(x.provider_score - x.baseline)::int AS changed, coalesce(sum(x.provider_score - x.baseline), 0)::bigint AS change_sum,
                       count(x.depth_mm)::int AS depths, sum(x.depth_mm) AS depth_sum, min(x.depth_mm) AS min_depth, max(x.depth_mm) AS max_depth
                FROM scored x
                JOIN body_areas b ON b.id = x.body_area_id
                WHERE x.day BETWEEN {previous.From} AND {period.To}
                GROUP BY 1, 2, 3, 4, 5
                """).ToListAsync(cancellationToken);
        }
    }
}
