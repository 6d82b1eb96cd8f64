using System.ComponentModel.DataAnnotations;
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
/// From a chart, the provider starts a series plan for the client (prefilled from the published
/// defaults for the indication, editable) or counts the session in an existing plan.
/// </summary>
public static class StartPlan
{
    public sealed class Command
    {
        public Indication Indication { get; set; } = Indication.AcneScars;

        [Display(Name = "Sessions")]
        public int? Sessions { get; set; }

        [Display(Name = "Days between sessions")]
        public int? IntervalDays { get; set; }

        [Display(Name = "Maintenance every (months)")]
        public int? MaintenanceMonths { get; set; }

        /// <summary>Count this session in this existing plan instead of starting one.</summary>
        public Guid? ExistingPlanId { get; set; }
    }

    public sealed class Handler(MicroSpaDbContext db, ClinicalAudit audit, ClinicTimeZone zone, TimeProvider clock)
    {
        public const string Action = "plan.save";

        /// <returns>Null when there is no such chart.</returns>
        public async Task<Outcome?> HandleAsync(Guid chartId, Command command, CancellationToken cancellationToken)
        {
            var record = await db.TreatmentRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Id == chartId, cancellationToken);
            if (record is null)
            {
                return null;
            }

            if (await db.PlanSessions.AnyAsync(s => s.TreatmentRecordId == chartId, cancellationToken))
            {
                return Outcome.Fail("This session already counts in a plan.");
            }

            Guid planId;
            if (command.ExistingPlanId is { } existing)
            {
                if (!await db.TreatmentPlans.AnyAsync(p => p.Id == existing && p.ClientId == record.ClientId, cancellationToken))
                {
                    return Outcome.Fail(nameof(Command.ExistingPlanId), "Choose one of this client's plans.");
                }

                planId = existing;
            }
            else
            {
                var appointment = await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == record.AppointmentId, cancellationToken);
                if (!Enum.IsDefined(command.Indication))
                {
                    return Outcome.Fail(nameof(Command.Indication), "Choose an indication.");
                }

                var defaults = SeriesDefault.For(command.Indication);
                try
                {
                    var plan = TreatmentPlan.Create(record.ClientId, record.ProviderId, appointment.ServiceId, command.Indication,
                        record.Areas.Select(a => a.BodyAreaId), command.Sessions ?? defaults.Sessions, command.IntervalDays ?? defaults.IntervalDays,
                        command.MaintenanceMonths ?? defaults.MaintenanceMonths, DateOnly.FromDateTime(zone.ToLocal(appointment.StartsAt)), clock.GetUtcNow());
                    db.TreatmentPlans.Add(plan);
                    planId = plan.Id;
                }
                catch (DomainException ex)
                {
                    return Outcome.Fail(ex.Field switch
                    {
                        nameof(TreatmentPlan.PlannedSessions) => nameof(Command.Sessions),
                        nameof(TreatmentPlan.IntervalDays) => nameof(Command.IntervalDays),
                        nameof(TreatmentPlan.MaintenanceMonths) => nameof(Command.MaintenanceMonths),
                        _ => string.Empty,
                    }, ex.Message);
                }
            }

            db.PlanSessions.Add(new PlanSession(planId, chartId));
            audit.Add(record.ClientId, Action, planId);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return Outcome.Fail("This session already counts in a plan.");
            }

            return Outcome.Success;
        }
    }
}
