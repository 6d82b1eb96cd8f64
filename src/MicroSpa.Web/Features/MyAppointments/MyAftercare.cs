using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.MyAppointments;

/// <summary>
/// A client's aftercare plan for one of their own visits, with a plain summary of the session (date,
/// areas treated, products). Never the chart's internal notes, depths or reasons.
/// </summary>
public static class MyAftercare
{
    public sealed record Result(
        Guid AppointmentId, DateTime LocalTreatedAt, string Service, string Provider, IReadOnlyList<string> Areas, IReadOnlyList<string> Products,
        IReadOnlyList<AftercarePlanItem> Items)
    {
        /// <summary>The client's own rating per area (from a day or so after the session).</summary>
        public IReadOnlyList<ProgressScores.Current> Ratings { get; init; } = [];
    }

    public sealed class Handler(MicroSpaDbContext db, CurrentClient currentClient, ClinicalAudit audit, ProgressScores.Handler progress, ClinicTimeZone zone)
    {
        /// <returns>Null when the visit is not the client's or has no plan yet.</returns>
        public async Task<Result?> HandleAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.IdAsync(cancellationToken);
            var plan = await db.AftercarePlans.AsNoTracking().SingleOrDefaultAsync(p => p.AppointmentId == appointmentId && p.ClientId == clientId, cancellationToken);
            if (plan is null)
            {
                return null;
            }

            var record = await db.TreatmentRecords.AsNoTracking().SingleAsync(r => r.Id == plan.TreatmentRecordId, cancellationToken);
            var visit = await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId)
                .Select(a => new { Service = a.Service!.Name, Provider = a.Provider!.DisplayName }).SingleAsync(cancellationToken);
            await audit.RecordReadAsync(plan.ClientId, ClinicalAudit.PlanView, plan.Id, cancellationToken);
            return new Result(appointmentId, zone.ToLocal(record.SignedAt ?? plan.IssuedAt), visit.Service, visit.Provider,
                record.Areas.Select(a => a.AreaName).ToList(),
                record.Areas.Where(a => a.ProductName is not null).Select(a => a.ProductName!).Distinct().ToList(),
                plan.Items)
            {
                Ratings = await progress.ForChartAsync(record.Id, cancellationToken),
            };
        }

        /// <summary>Which of the client's visits have a plan (for links on the list).</summary>
        public async Task<IReadOnlySet<Guid>> WithPlansAsync(CancellationToken cancellationToken)
        {
            var clientId = await currentClient.IdAsync(cancellationToken);
            return (await db.AftercarePlans.AsNoTracking().Where(p => p.ClientId == clientId).Select(p => p.AppointmentId).ToListAsync(cancellationToken))
                .ToHashSet();
        }
    }
}
