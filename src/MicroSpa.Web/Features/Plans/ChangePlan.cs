using System.ComponentModel.DataAnnotations;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Plans;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Plans;

/// <summary>A clinician changes a plan's areas, number of sessions, interval and maintenance rhythm (audited).</summary>
public static class ChangePlan
{
    public const string Changed = "plan.change";

    public sealed class Command
    {
        public List<Guid> AreaIds { get; set; } = [];

        [Display(Name = "Sessions")]
        public int? Sessions { get; set; }

        [Display(Name = "Days between sessions")]
        public int? IntervalDays { get; set; }

        [Display(Name = "Maintenance every (months)")]
        public int? MaintenanceMonths { get; set; }
    }

    public sealed class Handler(MicroSpaDbContext db, ClinicalAudit audit)
    {
        /// <returns>Null when there is no such plan.</returns>
        public async Task<Outcome?> HandleAsync(Guid planId, Command form, CancellationToken cancellationToken)
        {
            var plan = await db.TreatmentPlans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
            if (plan is null)
            {
                return null;
            }

            if (form.Sessions is null || form.IntervalDays is null || form.MaintenanceMonths is null)
            {
                return new Outcome([
                    .. form.Sessions is null ? [new FieldError(nameof(Command.Sessions), "Enter the number of sessions.")] : Array.Empty<FieldError>(),
                    .. form.IntervalDays is null ? [new FieldError(nameof(Command.IntervalDays), "Enter the days between sessions.")] : Array.Empty<FieldError>(),
                    .. form.MaintenanceMonths is null ? [new FieldError(nameof(Command.MaintenanceMonths), "Enter how many months apart maintenance comes.")] : Array.Empty<FieldError>(),
                ]);
            }

            var offered = await db.Services.AsNoTracking().Where(s => s.Id == plan.ServiceId).SelectMany(s => s.BodyAreas.Select(b => b.Id)).ToListAsync(cancellationToken);
            if (form.AreaIds.Any(id => !offered.Contains(id) && !plan.AreaIds.Contains(id)))
            {
                return Outcome.Fail(nameof(Command.AreaIds), "Choose areas from the list.");
            }

            try
            {
                plan.Change(form.AreaIds, form.Sessions.Value, form.IntervalDays.Value, form.MaintenanceMonths.Value);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field switch
                {
                    nameof(TreatmentPlan.AreaIds) => nameof(Command.AreaIds),
                    nameof(TreatmentPlan.PlannedSessions) => nameof(Command.Sessions),
                    nameof(TreatmentPlan.IntervalDays) => nameof(Command.IntervalDays),
                    nameof(TreatmentPlan.MaintenanceMonths) => nameof(Command.MaintenanceMonths),
                    _ => string.Empty,
                }, ex.Message);
            }

            audit.Add(plan.ClientId, Changed, plan.Id);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}
