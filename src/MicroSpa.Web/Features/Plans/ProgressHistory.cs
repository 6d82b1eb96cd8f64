using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Plans;

/// <summary>A client's progress over their sessions (scores, ratings, photos): for a clinician from a chart, or for the client.</summary>
public static class ProgressHistory
{
    public sealed class Handler(MicroSpaDbContext db, Progress.Handler progress, ClientPhotos.Handler photos, ClinicalAudit audit)
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
            return new HistoryPage(client, $"/provider/charts/{chartId}", await progress.HistoryAsync(chart.ClientId, cancellationToken))
            {
                Photos = await photos.ForClientAsync(chart.ClientId, cancellationToken),
            };
        }

        /// <summary>The signed-in client's own.</summary>
        public async Task<HistoryPage> ForClientAsync(Guid clientId, CancellationToken cancellationToken) =>
            new(null, "/my/appointments", await progress.HistoryAsync(clientId, cancellationToken))
            {
                Photos = await photos.ForClientAsync(clientId, cancellationToken),
            };
    }
}

public sealed record HistoryPage(string? Client, string Back, IReadOnlyList<Progress.AreaHistory> Areas)
{
    public IReadOnlyList<ClientPhotos.Item> Photos { get; init; } = [];
}
