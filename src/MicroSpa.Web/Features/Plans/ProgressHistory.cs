using MicroSpa.Data;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Plans;

/// <summary>A client's progress over their sessions (scores, ratings, photos): for a clinician from a chart, or for the client.</summary>
public static class ProgressHistory
{
    public sealed record Point(DateOnly Date, int? ProviderScore, int? ClientRating, decimal? DepthMm);

    public sealed record AreaHistory(Guid AreaId, string Area, ProgressScale Scale, IReadOnlyList<Point> Points);

    public sealed class Handler(MicroSpaDbContext db, ClientPhotos.Handler photos, ClinicalAudit audit, ClinicTimeZone zone)
    {
        /// <summary>From a chart (the read is audited); null when there is no such chart.</summary>
        public async Task<HistoryPage?> ForChartAsync(Guid chartId, CancellationToken cancellationToken)
        {
            var chart = await db.TreatmentRecords.AsNoTracking().Where(r => r.Id == chartId)
                .Select(r => new { r.Id, r.ClientId, r.Kind, r.AppointmentId })
                .SingleOrDefaultAsync(cancellationToken);
            if (chart is null)
            {
                return null;
            }

            // The client's name as the chart page shows it (a consultation record's page shows none).
            var client = chart.Kind == ServiceKind.Consultation
                ? string.Empty
                : await db.Appointments.AsNoTracking().Where(a => a.Id == chart.AppointmentId)
                    .Select(a => a.Client!.FirstName + " " + a.Client.LastName).SingleAsync(cancellationToken);
            await audit.RecordReadAsync(chart.ClientId, "progress.view", chart.Id, cancellationToken);
            return new HistoryPage(client, $"/provider/charts/{chartId}", await HistoryAsync(chart.ClientId, cancellationToken))
            {
                Photos = await photos.ForClientAsync(chart.ClientId, cancellationToken),
            };
        }

        /// <summary>The signed-in client's own.</summary>
        public async Task<HistoryPage> ForClientAsync(Guid clientId, CancellationToken cancellationToken) =>
            new(null, "/my/appointments", await HistoryAsync(clientId, cancellationToken))
            {
                Photos = await photos.ForClientAsync(clientId, cancellationToken),
            };

        /// <summary>Each area's scores and depths over the client's signed sessions.</summary>
        private async Task<IReadOnlyList<AreaHistory>> HistoryAsync(Guid clientId, CancellationToken cancellationToken)
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
    }
}

public sealed record HistoryPage(string? Client, string Back, IReadOnlyList<ProgressHistory.AreaHistory> Areas)
{
    public IReadOnlyList<ClientPhotos.Item> Photos { get; init; } = [];
}
