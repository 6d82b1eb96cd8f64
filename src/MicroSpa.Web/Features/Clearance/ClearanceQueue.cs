using MicroSpa.Data;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Clearance;

/// <summary>
/// The medical director's queue: clients with a coming needling visit that waits for a medical clearance
/// (the service needs one and none is in force, or the visit's screening has a hard stop), soonest first,
/// and clearances a later screening voided.
/// </summary>
public static class ClearanceQueue
{
    /// <summary>How far ahead the queue looks for visits.</summary>
    public const int HorizonDays = 60;

    public sealed record Waiting(Guid ClientId, string Client, DateTime LocalNextVisit, string Service, string Reason);

    public sealed record Voided(Guid ClientId, string Client, DateTime LocalVoidedAt);

    public sealed record Result(IReadOnlyList<Waiting> Waiting, IReadOnlyList<Voided> RecentlyVoided);

    public sealed class Handler(MicroSpaDbContext db, Shared.TreatmentGates gates, ClinicTimeZone zone, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var (todayStart, _) = zone.DayBounds(zone.Today(now));
            var until = now.AddDays(HorizonDays);
            var visits = await db.Appointments.AsNoTracking()
                .Where(a => (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.CheckedIn)
                            && a.StartsAt >= todayStart && a.StartsAt < until && a.Service!.Kind == ServiceKind.Treatment)
                .OrderBy(a => a.StartsAt)
                .Select(a => new { a.Id, a.ClientId, a.StartsAt, Client = a.Client!.FirstName + " " + a.Client.LastName, Service = a.Service!.Name })
                .Take(500)
                .ToListAsync(cancellationToken);
            var gated = await gates.ForManyAsync(visits.Select(v => v.Id).ToList(), cancellationToken);
            var waiting = visits
                .Where(v => gated[v.Id].Missing.Any(m => m.Step == GateStep.Clearance))
                .GroupBy(v => v.ClientId)
                .Select(g => g.First())
                .Select(v => new Waiting(v.ClientId, v.Client, zone.ToLocal(v.StartsAt), v.Service,
                    gated[v.Id].ClearanceNeeded ? "Needs a good-faith exam" : "Hard stop on the screening"))
                .ToList();

            var since = now.AddDays(-30);
            var voided = await db.MedicalClearances.AsNoTracking()
                .Where(c => c.VoidedAt >= since
                            && !db.MedicalClearances.Any(n => n.ClientId == c.ClientId && n.RecordedAt > c.VoidedAt))
                .Join(db.Clients, c => c.ClientId, x => x.Id, (c, x) => new { c.ClientId, c.VoidedAt, x.FirstName, x.LastName })
                .OrderByDescending(c => c.VoidedAt)
                .ToListAsync(cancellationToken);
            return new Result(waiting,
                voided.DistinctBy(v => v.ClientId).Select(v => new Voided(v.ClientId, $"{v.FirstName} {v.LastName}", zone.ToLocal(v.VoidedAt!.Value))).ToList());
        }
    }
}
