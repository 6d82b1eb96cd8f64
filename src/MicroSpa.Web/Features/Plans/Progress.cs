using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Plans;

/// <summary>
/// Progress per area and session: the provider scores (Goodman &amp; Baron for acne scars, global improvement otherwise),
/// the client rates, and the history over time with the depths used (a session's scores as they stand: <see cref="ProgressScores"/>).
/// </summary>
public static class Progress
{
    public const string SaveAction = "progress.save";

    public sealed record Point(DateOnly Date, int? ProviderScore, int? ClientRating, decimal? DepthMm);

    public sealed record AreaHistory(Guid AreaId, string Area, ProgressScale Scale, IReadOnlyList<Point> Points);

    public sealed class Handler(MicroSpaDbContext db, ProgressScores.Handler current, ClinicalAudit audit, ClinicTimeZone zone, TimeProvider clock)
    {
        /// <summary>The provider scores the areas of a session.</summary>
        /// <returns>Null when there is no such chart.</returns>
        public async Task<Outcome?> ScoreAsync(Guid chartId, IReadOnlyDictionary<Guid, int> scores, CancellationToken cancellationToken) =>
            await SaveAsync(chartId, null, scores, (score, value, now) => score.ScoreByProvider(value, now), cancellationToken);

        /// <summary>The client rates the areas of one of their own sessions.</summary>
        /// <returns>Null when the session is not theirs or has no signed chart.</returns>
        /// <summary>Whether the client may rate this visit (their own, charted and signed).</summary>
        public Task<bool> MayRateAsync(Guid appointmentId, Guid clientId, CancellationToken cancellationToken) =>
            db.TreatmentRecords.AnyAsync(r => r.AppointmentId == appointmentId && r.ClientId == clientId && r.Status == ChartStatus.Signed, cancellationToken);

        public async Task<Outcome?> RateAsync(Guid appointmentId, Guid clientId, IReadOnlyDictionary<Guid, int> ratings, CancellationToken cancellationToken)
        {
            var chartId = await db.TreatmentRecords.Where(r => r.AppointmentId == appointmentId && r.ClientId == clientId && r.Status == ChartStatus.Signed)
                .Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken);
            return chartId is { } id
                ? await SaveAsync(id, clientId, ratings, (score, value, now) => score.RateByClient(value, now), cancellationToken)
                : null;
        }

        /// <summary>Each area's scores and depths over the client's signed sessions.</summary>
        public async Task<IReadOnlyList<AreaHistory>> HistoryAsync(Guid clientId, CancellationToken cancellationToken)
        {
            var charts = await (
                    from r in db.TreatmentRecords.AsNoTracking()
                    where r.ClientId == clientId && r.Status == ChartStatus.Signed
                    join a in db.Appointments on r.AppointmentId equals a.Id
                    orderby a.StartsAt
                    select new { Record = r, a.StartsAt })
                .ToListAsync(cancellationToken);
            var scores = await db.ProgressScores.AsNoTracking().Where(p => p.ClientId == clientId).ToListAsync(cancellationToken);
            return charts.SelectMany(c => c.Record.Areas.Select(a => new { a.BodyAreaId, a.AreaName, a.DepthMm, c.Record.Id, c.StartsAt }))
                .GroupBy(x => x.BodyAreaId)
                .Select(g =>
                {
                    var points = g.Select(x =>
                    {
                        var score = scores.SingleOrDefault(s => s.TreatmentRecordId == x.Id && s.BodyAreaId == x.BodyAreaId);
                        return new Point(DateOnly.FromDateTime(zone.ToLocal(x.StartsAt)), score?.ProviderScore, score?.ClientRating, x.DepthMm);
                    }).ToList();
                    var scale = scores.FirstOrDefault(s => s.BodyAreaId == g.Key)?.Scale ?? ProgressScale.GlobalImprovement;
                    return new AreaHistory(g.Key, g.First().AreaName, scale, points);
                })
                .ToList();
        }

        private async Task<Outcome?> SaveAsync(
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
