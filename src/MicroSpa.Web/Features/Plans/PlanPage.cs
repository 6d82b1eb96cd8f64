using MicroSpa.Data;
using MicroSpa.Domain.Treatments;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Plans;

/// <summary>A plan's own page for clinicians: its sessions, where it came from, and the forms to change, end or reopen it. Every view is audited.</summary>
public static class PlanPage
{
    public const string Viewed = "plan.view";

    public sealed record Session(Guid ChartId, DateOnly Date, string Provider, bool Signed);

    public sealed record AreaChoice(Guid Id, string Name);

    public sealed record Page(Guid ClientId, string Client, PlanOverview.Item Plan, IReadOnlyList<Session> Sessions, IReadOnlyList<AreaChoice> Areas)
    {
        public ChangePlan.Command Form { get; init; } = new();

        public EndPlan.Command End { get; init; } = new();

        /// <summary>The consultation whose recommendation started the plan: its record id, day and provider.</summary>
        public (Guid ChartId, DateOnly Date, string Provider)? FromConsultation { get; init; }

        /// <summary>The client's prepaid credits for the plan's service beside its sessions left, and the package it offers.</summary>
        public PlanPackages.Standing? Wallet { get; init; }
    }

    public sealed class Handler(MicroSpaDbContext db, PlanOverview.Handler overview, PlanPackages.Handler packages, ClinicalAudit audit, ClinicTimeZone zone)
    {
        /// <returns>Null when there is no such plan.</returns>
        public async Task<Page?> HandleAsync(Guid planId, CancellationToken cancellationToken)
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
                Form = new ChangePlan.Command
                {
                    AreaIds = [.. plan.AreaIds], Sessions = plan.Planned, IntervalDays = plan.IntervalDays, MaintenanceMonths = plan.MaintenanceMonths,
                },
                Wallet = await packages.ForPlanAsync(plan, cancellationToken),
                FromConsultation = origin is null ? null : (origin.Id, DateOnly.FromDateTime(zone.ToLocal(origin.StartsAt)), origin.DisplayName),
            };
        }
    }
}
