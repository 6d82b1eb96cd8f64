using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Resources;

/// <summary>
/// Rooms and devices with the periods they are out of service, and the booked appointments that fall in
/// those periods for the front desk to move: taking a resource out never silently orphans a booking.
/// </summary>
public static class ResourceSchedule
{
    public sealed record Period(Guid Id, DateTime LocalStart, DateTime LocalEnd, string? Reason);

    public sealed record Affected(Guid AppointmentId, DateTime LocalStart, string Client);

    public sealed record Resource(Guid Id, string Kind, string Name, bool InService, IReadOnlyList<Period> Periods, IReadOnlyList<Affected> Affected);

    public sealed record Result(IReadOnlyList<Resource> Rooms, IReadOnlyList<Resource> Devices)
    {
        public TakeOutOfService.Command Form { get; init; } = new();
    }

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var periods = await db.OutOfService.AsNoTracking().Where(o => o.EndsAt > now).OrderBy(o => o.StartsAt).ToListAsync(cancellationToken);
            var affected = periods.Count == 0
                ? []
                : await (
                        from a in db.Appointments.AsNoTracking()
                        from o in db.OutOfService
                        where o.EndsAt > now && a.StartsAt < o.EndsAt && a.BlockedUntil > o.StartsAt
                              && (a.RoomId == o.RoomId || a.DeviceId == o.DeviceId)
                              && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.CheckedIn || a.Status == AppointmentStatus.Held)
                        orderby a.StartsAt
                        select new { PeriodId = o.Id, a.Id, a.StartsAt, Client = a.Client!.FirstName + " " + a.Client.LastName })
                    .ToListAsync(cancellationToken);
            var rooms = await db.Rooms.AsNoTracking().OrderBy(r => r.Name).Select(r => new { r.Id, r.Name, r.InService }).ToListAsync(cancellationToken);
            var devices = await db.Devices.AsNoTracking().OrderBy(d => d.Name).Select(d => new { d.Id, d.Name, d.InService }).ToListAsync(cancellationToken);

            Resource Describe(Guid id, string kind, string name, bool inService)
            {
                var mine = periods.Where(p => p.ResourceId == id).ToList();
                var ids = mine.Select(p => p.Id).ToHashSet();
                return new Resource(id, kind, name, inService,
                    mine.Select(p => new Period(p.Id, zone.ToLocal(p.StartsAt), zone.ToLocal(p.EndsAt), p.Reason)).ToList(),
                    affected.Where(a => ids.Contains(a.PeriodId)).DistinctBy(a => a.Id)
                        .Select(a => new Affected(a.Id, zone.ToLocal(a.StartsAt), a.Client)).ToList());
            }

            return new Result(
                rooms.Select(r => Describe(r.Id, TakeOutOfService.Room, r.Name, r.InService)).ToList(),
                devices.Select(d => Describe(d.Id, TakeOutOfService.Device, d.Name, d.InService)).ToList());
        }
    }
}
