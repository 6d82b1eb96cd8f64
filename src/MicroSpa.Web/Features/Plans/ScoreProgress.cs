using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Plans;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Plans;

/// <summary>
/// The provider scores a session's areas (Goodman &amp; Baron for acne scars, global improvement otherwise); the client's
/// ratings are saved the same way (<see cref="RateProgress"/>). A session's scores as they stand: <see cref="ProgressScores"/>.
/// </summary>
public static class ScoreProgress
{
    public const string SaveAction = "progress.save";

    public sealed class Handler(MicroSpaDbContext db, ProgressScores.Handler current, ClinicalAudit audit, TimeProvider clock)
    {
        /// <summary>The provider scores the areas of a session.</summary>
        /// <returns>Null when there is no such chart.</returns>
        public async Task<Outcome?> HandleAsync(Guid chartId, IReadOnlyDictionary<Guid, int> scores, CancellationToken cancellationToken) =>
            await SaveAsync(chartId, null, scores, (score, value, now) => score.ScoreByProvider(value, now), cancellationToken);

        /// <summary>Saves values on the areas of one chart, by the provider or (with <paramref name="clientId"/>) by its client.</summary>
        internal async Task<Outcome?> SaveAsync(
            Guid chartId, Guid? clientId, IReadOnlyDictionary<Guid, int> values, Action<ProgressScore, int, DateTimeOffset> apply, CancellationToken cancellationToken)
        {
            var record = await db.TreatmentRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Id == chartId, cancellationToken);
            if (record is null || (clientId is { } own && record.ClientId != own))
            {
                return null;
            }

            var scale = await current.ScaleAsync(chartId, cancellationToken);
            var existing = await db.ProgressScores.Where(p => p.TreatmentRecordId == chartId).ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            try
            {
                foreach (var (areaId, value) in values)
                {
                    var area = record.Areas.FirstOrDefault(a => a.BodyAreaId == areaId);
                    if (area is null)
                    {
                        return Outcome.Fail("Score the areas of this session only.");
                    }

                    var score = existing.SingleOrDefault(s => s.BodyAreaId == areaId);
                    if (score is null)
                    {
                        score = ProgressScore.For(chartId, record.ClientId, areaId, area.AreaName, scale, now);
                        db.ProgressScores.Add(score);
                    }

                    apply(score, value, now);
                }
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Message);
            }

            audit.Add(record.ClientId, SaveAction, chartId);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}
