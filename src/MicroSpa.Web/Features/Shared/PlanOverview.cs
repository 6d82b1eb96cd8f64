using MicroSpa.Data;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>Plans with where they stand today: done and left, the next due date, overdue or maintenance.</summary>
public static class PlanOverview
{
    public sealed record Item(
        Guid PlanId, Guid ClientId, string Client, string? Phone, Indication Indication, IReadOnlyList<Guid> AreaIds, IReadOnlyList<string> Areas,
        Guid ServiceId, int Planned, int IntervalDays, PlanStatus Status, int MaintenanceMonths = 0, string? EndReason = null);

    public const int DueSoonDays = 14;

    public sealed record DuePage(DateOnly Today, IReadOnlyList<Item> Overdue, IReadOnlyList<Item> DueSoon);

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, TimeProvider clock)
    {
        /// <summary>The client's running plans (ended ones are history: nothing is due from them).</summary>
        public Task<IReadOnlyList<Item>> ForClientAsync(Guid clientId, CancellationToken cancellationToken) =>
            LoadAsync(db.TreatmentPlans.Where(p => p.ClientId == clientId && p.EndedOn == null), cancellationToken);

        public Task<IReadOnlyList<Item>> AllAsync(CancellationToken cancellationToken) => LoadAsync(db.TreatmentPlans.Where(p => p.EndedOn == null), cancellationToken);

        /// <summary>One plan, running or ended.</summary>
        public async Task<Item?> OneAsync(Guid planId, CancellationToken cancellationToken) =>
            (await LoadAsync(db.TreatmentPlans.Where(p => p.Id == planId), cancellationToken)).SingleOrDefault();

        /// <summary>For the front desk: plans overdue, and plans due within <see cref="DueSoonDays"/> days.</summary>
        public async Task<DuePage> DueAsync(CancellationToken cancellationToken)
        {
            var today = zone.Today(clock.GetUtcNow());
            var all = await AllAsync(cancellationToken);
            return new DuePage(today,
                all.Where(p => p.Status.Overdue).OrderBy(p => p.Status.NextDue).ToList(),
                all.Where(p => !p.Status.Overdue && p.Status.NextDue <= today.AddDays(DueSoonDays)).OrderBy(p => p.Status.NextDue).ToList());
        }

        private async Task<IReadOnlyList<Item>> LoadAsync(IQueryable<TreatmentPlan> plans, CancellationToken cancellationToken)
        {
            var rows = await (
                    from p in plans.AsNoTracking()
                    join c in db.Clients on p.ClientId equals c.Id
                    orderby p.CreatedAt
                    select new { Plan = p, c.FirstName, c.LastName, c.Phone })
                .ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return [];
            }

            var planIds = rows.Select(r => r.Plan.Id).ToList();
            var sessions = await (
                    from s in db.PlanSessions.AsNoTracking()
                    where planIds.Contains(s.PlanId)
                    join r in db.TreatmentRecords on s.TreatmentRecordId equals r.Id
                    where r.Status == ChartStatus.Signed
                    join a in db.Appointments on r.AppointmentId equals a.Id
                    select new { s.PlanId, a.StartsAt })
                .ToListAsync(cancellationToken);
            var areaIds = rows.SelectMany(r => r.Plan.AreaIds).Distinct().ToList();
            var names = await db.BodyAreas.AsNoTracking().Where(a => areaIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
            var today = zone.Today(clock.GetUtcNow());
            return rows.Select(r => new Item(r.Plan.Id, r.Plan.ClientId, $"{r.FirstName} {r.LastName}", r.Phone, r.Plan.Indication, r.Plan.AreaIds,
                    r.Plan.AreaIds.Select(a => names.GetValueOrDefault(a, "?")).ToList(), r.Plan.ServiceId, r.Plan.PlannedSessions, r.Plan.IntervalDays,
                    r.Plan.StatusOn(sessions.Where(s => s.PlanId == r.Plan.Id).Select(s => DateOnly.FromDateTime(zone.ToLocal(s.StartsAt))), today),
                    r.Plan.MaintenanceMonths, r.Plan.EndReason))
                .ToList();
        }
    }

    public static string Describe(Indication indication) => indication switch
    {
        Indication.AcneScars => "Acne scars",
        Indication.StretchMarks => "Stretch marks",
        Indication.WrinklesAndFineLines => "Wrinkles and fine lines",
        Indication.SunDamage => "Sun damage",
        Indication.Pigmentation => "Pigmentation",
        Indication.EnlargedPores => "Enlarged pores",
        Indication.HairLoss => "Hair loss",
        Indication.Laxity => "Laxity",
        _ => indication.ToString(),
    };
}
