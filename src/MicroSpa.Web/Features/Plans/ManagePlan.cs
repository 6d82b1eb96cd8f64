using System.ComponentModel.DataAnnotations;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Treatments;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Plans;

/// <summary>
/// A plan's own page for clinicians: its sessions, a form to change the areas, the number of sessions,
/// the interval and the maintenance rhythm, and ending (or reopening) it. Every view and change is audited.
/// </summary>
public static class ManagePlan
{
    public const string Viewed = "plan.view";
    public const string Changed = "plan.change";
    public const string Ended = "plan.end";
    public const string Reopened = "plan.reopen";

    public sealed class ChangeForm
    {
        public List<Guid> AreaIds { get; set; } = [];

        [Display(Name = "Sessions")]
        public int? Sessions { get; set; }

        [Display(Name = "Days between sessions")]
        public int? IntervalDays { get; set; }

        [Display(Name = "Maintenance every (months)")]
        public int? MaintenanceMonths { get; set; }
    }

    public sealed class EndForm
    {
        [Display(Name = "Why the plan ends")]
        public string? Reason { get; set; }
    }

    public sealed record Session(Guid ChartId, DateOnly Date, string Provider, bool Signed);

    public sealed record AreaChoice(Guid Id, string Name);

    public sealed record Page(Guid ClientId, string Client, PlanOverview.Item Plan, IReadOnlyList<Session> Sessions, IReadOnlyList<AreaChoice> Areas)
    {
        public ChangeForm Form { get; init; } = new();

        public EndForm End { get; init; } = new();

        /// <summary>The consultation whose recommendation started the plan: its record id, day and provider.</summary>
        public (Guid ChartId, DateOnly Date, string Provider)? FromConsultation { get; init; }
    }

    public sealed class Handler(MicroSpaDbContext db, PlanOverview.Handler overview, ClinicalAudit audit, ClinicTimeZone zone, TimeProvider clock)
    {
        /// <returns>Null when there is no such plan.</returns>
        public async Task<Page?> PageAsync(Guid planId, CancellationToken cancellationToken)
        {
            if (await overview.OneAsync(planId, cancellationToken) is not { } plan)
            {
                return null;
            }

            var client = await db.Clients.AsNoTracking().Where(c => c.Id == plan.ClientId).Select(c => c.FirstName + " " + c.LastName).SingleAsync(cancellationToken);
            var sessions = await (
                    from s in db.PlanSessions.AsNoTracking()
                    where s.PlanId == planId
                    join r in db.TreatmentRecords on s.TreatmentRecordId equals r.Id
                    join a in db.Appointments on r.AppointmentId equals a.Id
                    join p in db.Providers on r.ProviderId equals p.Id
                    orderby a.StartsAt
                    select new { r.Id, a.StartsAt, p.DisplayName, Signed = r.Status == ChartStatus.Signed })
                .ToListAsync(cancellationToken);
            var areas = await db.Services.AsNoTracking().Where(s => s.Id == plan.ServiceId)
                .SelectMany(s => s.BodyAreas.OrderBy(b => b.SortOrder).Select(b => new AreaChoice(b.Id, b.Name)))
                .ToListAsync(cancellationToken);
            foreach (var id in plan.AreaIds.Where(id => areas.All(a => a.Id != id)))
            {
                // An area the service no longer lists stays choosable for the plan that has it.
                areas.Add(new AreaChoice(id, plan.Areas[plan.AreaIds.ToList().IndexOf(id)]));
            }

            var origin = await (
                    from p in db.TreatmentPlans.AsNoTracking()
                    where p.Id == planId && p.ConsultationRecordId != null
                    join r in db.TreatmentRecords on p.ConsultationRecordId equals r.Id
                    join a in db.Appointments on r.AppointmentId equals a.Id
                    join v in db.Providers on r.ProviderId equals v.Id
                    select new { r.Id, a.StartsAt, v.DisplayName })
                .SingleOrDefaultAsync(cancellationToken);
            await audit.RecordReadAsync(plan.ClientId, Viewed, planId, cancellationToken);
            return new Page(plan.ClientId, client, plan,
                sessions.Select(s => new Session(s.Id, DateOnly.FromDateTime(zone.ToLocal(s.StartsAt)), s.DisplayName, s.Signed)).ToList(), areas)
            {
                Form = new ChangeForm
                {
                    AreaIds = [.. plan.AreaIds], Sessions = plan.Planned, IntervalDays = plan.IntervalDays, MaintenanceMonths = plan.MaintenanceMonths,
                },
                FromConsultation = origin is null ? null : (origin.Id, DateOnly.FromDateTime(zone.ToLocal(origin.StartsAt)), origin.DisplayName),
            };
        }

        /// <returns>Null when there is no such plan.</returns>
        public async Task<Outcome?> ChangeAsync(Guid planId, ChangeForm form, CancellationToken cancellationToken)
        {
            var plan = await db.TreatmentPlans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
            if (plan is null)
            {
                return null;
            }

            if (form.Sessions is null || form.IntervalDays is null || form.MaintenanceMonths is null)
            {
                return new Outcome([
                    .. form.Sessions is null ? [new FieldError(nameof(ChangeForm.Sessions), "Enter the number of sessions.")] : Array.Empty<FieldError>(),
                    .. form.IntervalDays is null ? [new FieldError(nameof(ChangeForm.IntervalDays), "Enter the days between sessions.")] : Array.Empty<FieldError>(),
                    .. form.MaintenanceMonths is null ? [new FieldError(nameof(ChangeForm.MaintenanceMonths), "Enter how many months apart maintenance comes.")] : Array.Empty<FieldError>(),
                ]);
            }

            var offered = await db.Services.AsNoTracking().Where(s => s.Id == plan.ServiceId).SelectMany(s => s.BodyAreas.Select(b => b.Id)).ToListAsync(cancellationToken);
            if (form.AreaIds.Any(id => !offered.Contains(id) && !plan.AreaIds.Contains(id)))
            {
                return Outcome.Fail(nameof(ChangeForm.AreaIds), "Choose areas from the list.");
            }

            try
            {
                plan.Change(form.AreaIds, form.Sessions.Value, form.IntervalDays.Value, form.MaintenanceMonths.Value);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field switch
                {
                    nameof(TreatmentPlan.AreaIds) => nameof(ChangeForm.AreaIds),
                    nameof(TreatmentPlan.PlannedSessions) => nameof(ChangeForm.Sessions),
                    nameof(TreatmentPlan.IntervalDays) => nameof(ChangeForm.IntervalDays),
                    nameof(TreatmentPlan.MaintenanceMonths) => nameof(ChangeForm.MaintenanceMonths),
                    _ => string.Empty,
                }, ex.Message);
            }

            audit.Add(plan.ClientId, Changed, plan.Id);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }

        /// <returns>Null when there is no such plan.</returns>
        public async Task<Outcome?> EndAsync(Guid planId, EndForm form, CancellationToken cancellationToken)
        {
            var plan = await db.TreatmentPlans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
            if (plan is null)
            {
                return null;
            }

            try
            {
                plan.End(zone.Today(clock.GetUtcNow()), form.Reason);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field == nameof(TreatmentPlan.EndReason) ? nameof(EndForm.Reason) : string.Empty, ex.Message);
            }

            audit.Add(plan.ClientId, Ended, plan.Id);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }

        /// <returns>Null when there is no such plan.</returns>
        public async Task<Outcome?> ReopenAsync(Guid planId, CancellationToken cancellationToken)
        {
            var plan = await db.TreatmentPlans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
            if (plan is null)
            {
                return null;
            }

            try
            {
                plan.Reopen();
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Message);
            }

            audit.Add(plan.ClientId, Reopened, plan.Id);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}
