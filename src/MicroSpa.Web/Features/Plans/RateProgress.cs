using MicroSpa.Data;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Plans;

/// <summary>The client rates the areas of one of their own signed sessions (saved as the provider's scores are).</summary>
public static class RateProgress
{
    public sealed class Handler(MicroSpaDbContext db, ScoreProgress.Handler scores)
    {
        /// <summary>Whether the client may rate this visit (their own, charted and signed).</summary>
        public Task<bool> MayRateAsync(Guid appointmentId, Guid clientId, CancellationToken cancellationToken) =>
            db.TreatmentRecords.AnyAsync(r => r.AppointmentId == appointmentId && r.ClientId == clientId && r.Status == ChartStatus.Signed, cancellationToken);

        /// <summary>The client rates the areas of one of their own sessions.</summary>
        /// <returns>Null when the session is not theirs or has no signed chart.</returns>
        public async Task<Outcome?> HandleAsync(Guid appointmentId, Guid clientId, IReadOnlyDictionary<Guid, int> ratings, CancellationToken cancellationToken)
        {
            var chartId = await db.TreatmentRecords.Where(r => r.AppointmentId == appointmentId && r.ClientId == clientId && r.Status == ChartStatus.Signed)
                .Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken);
            return chartId is { } id
                ? await scores.SaveAsync(id, clientId, ratings, (score, value, now) => score.RateByClient(value, now), cancellationToken)
                : null;
        }
    }
}
