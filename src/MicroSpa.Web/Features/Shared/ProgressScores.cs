using MicroSpa.Data;
using MicroSpa.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// A session's progress scores as they stand, per charted area: the provider's score and the client's own rating, on the scale
/// of the plan the session counts in (Goodman &amp; Baron for acne scars, global improvement otherwise). Read by the chart, the
/// client's aftercare page and the plans' progress pages; scoring and rating are the plans' use cases.
/// </summary>
public static class ProgressScores
{
    public sealed record Current(Guid AreaId, string Area, ProgressScale Scale, int? ProviderScore, int? ClientRating);

    public sealed class Handler(MicroSpaDbContext db)
    {
        /// <summary>The scores of one session (one row per charted area, empty where none yet).</summary>
        public async Task<IReadOnlyList<Current>> ForChartAsync(Guid chartId, CancellationToken cancellationToken)
        {
            var record = await db.TreatmentRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Id == chartId, cancellationToken);
            if (record is null)
            {
                return [];
            }

            var scale = await ScaleAsync(chartId, cancellationToken);
            var scores = await db.ProgressScores.AsNoTracking().Where(p => p.TreatmentRecordId == chartId).ToListAsync(cancellationToken);
            return record.Areas.Select(a => scores.SingleOrDefault(s => s.BodyAreaId == a.BodyAreaId) is { } s
                    ? new Current(a.BodyAreaId, a.AreaName, s.Scale, s.ProviderScore, s.ClientRating)
                    : new Current(a.BodyAreaId, a.AreaName, scale, null, null))
                .ToList();
        }

        /// <summary>The scale a session is scored on: the one of the plan it counts in (global improvement outside a plan).</summary>
        public async Task<ProgressScale> ScaleAsync(Guid chartId, CancellationToken cancellationToken)
        {
            var indication = await (from s in db.PlanSessions
                                    where s.TreatmentRecordId == chartId
                                    join p in db.TreatmentPlans on s.PlanId equals p.Id
                                    select (Indication?)p.Indication).SingleOrDefaultAsync(cancellationToken);
            return ProgressScore.ScaleFor(indication);
        }
    }

    public static string Describe(ProgressScale scale) => scale == ProgressScale.GoodmanBaron
        ? "Goodman & Baron scar grade (1 macular – 4 severe)"
        : "Global improvement (1 very much improved – 5 worse)";
}
