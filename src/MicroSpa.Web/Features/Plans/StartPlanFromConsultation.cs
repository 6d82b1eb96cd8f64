using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.Plans;

/// <summary>
/// One click on a signed consultation record starts the treatment plan it recommends (treatment, indication,
/// areas, sessions and interval, or the published defaults). The plan keeps the consultation it came from;
/// a consultation starts one plan at most.
/// </summary>
public static class StartPlanFromConsultation
{
    public const string AlreadyStarted = "This consultation has already started a treatment plan.";

    public sealed class Handler(MicroSpaDbContext db, ClinicalAudit audit, ClinicTimeZone zone, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such consultation record; done, the plan started.</returns>
        public async Task<Outcome<Guid>?> HandleAsync(Guid consultationId, CancellationToken cancellationToken)
        {
            var record = await db.TreatmentRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Id == consultationId, cancellationToken);
            if (record is null || !record.IsConsultation)
            {
                return null;
            }

            if (await db.TreatmentPlans.AnyAsync(p => p.ConsultationRecordId == consultationId, cancellationToken))
            {
                return Outcome.Conflict(AlreadyStarted);
            }

            var service = record.RecommendedServiceId is { } serviceId
                ? await db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serviceId, cancellationToken)
                : null;
            var startsAt = await db.Appointments.AsNoTracking().Where(a => a.Id == record.AppointmentId).Select(a => a.StartsAt).SingleAsync(cancellationToken);
            TreatmentPlan plan;
            try
            {
                plan = TreatmentPlan.FromConsultation(record, service, DateOnly.FromDateTime(zone.ToLocal(startsAt)), clock.GetUtcNow());
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Message);
            }

            db.TreatmentPlans.Add(plan);
            audit.Add(record.ClientId, StartPlan.Handler.Action, plan.Id);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Two clicks at once: the other one started it.
                return Outcome.Conflict(AlreadyStarted);
            }

            logger.LogInformation("Plan {PlanId} started from consultation {ChartId}", plan.Id, record.Id);
            return Outcome<Guid>.Done(plan.Id);
        }
    }
}
