using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// The one availability implementation (online booking, the API, rescheduling and the front desk use it):
/// loads the service's qualified providers (with extra shifts), the opening hours, rooms, devices and every busy interval
/// of the range (appointments, time off, rooms and devices out of service) in a
/// fixed number of set-based queries, then lets the domain compute the open times.
/// </summary>
public static class OpenTimes
{
    /// <summary>ByStaff: the front desk books walk-ins and far ahead (no minimum notice, a year of horizon).</summary>
    public sealed record Query(Guid ServiceId, DateOnly From, DateOnly To, Guid? ProviderId = null, Guid? IgnoreAppointmentId = null, bool ByStaff = false);

    public sealed record Result(Service Service, BookingPolicy Policy, AvailabilityRequest Request, IReadOnlyList<OpenSlot> Slots);

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, TimeProvider clock)
    {
        /// <returns>Null when the service does not exist or is retired.</returns>
        public async Task<Result?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            var service = await db.Services.AsNoTracking().Include(s => s.BodyAreas)
                .SingleOrDefaultAsync(s => s.Id == query.ServiceId && s.IsActive, cancellationToken);
            if (service is null)
            {
                return null;
            }

            var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);
            var providers = (await db.Providers.AsNoTracking()
                    .Where(p => p.Bookable && (query.ProviderId == null || p.Id == query.ProviderId))
                    .ToListAsync(cancellationToken))
                .Where(service.CanBePerformedBy)
                .ToList();
            var rooms = await db.Rooms.AsNoTracking().Where(r => r.InService).OrderBy(r => r.Name).Select(r => r.Id).ToListAsync(cancellationToken);
            var devices = service.NeedsDevice
                ? await db.Devices.AsNoTracking().Where(d => d.InService).OrderBy(d => d.Name).Select(d => d.Id).ToListAsync(cancellationToken)
                : [];

            var (rangeStart, _) = zone.DayBounds(query.From);
            var (_, rangeEnd) = zone.DayBounds(query.To);
            var providerIds = providers.Select(p => p.Id).ToList();
            var taken = await db.Appointments.AsNoTracking()
                .Where(a => a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.NoShow
                    && a.StartsAt < rangeEnd && a.BlockedUntil > rangeStart && a.StartsAt > rangeStart - Appointment.LongestBlock
                    && a.Id != query.IgnoreAppointmentId)
                .Select(a => new { a.ProviderId, a.RoomId, a.DeviceId, a.StartsAt, a.BlockedUntil })
                .ToListAsync(cancellationToken);
            var timeOff = await db.TimeOff.AsNoTracking()
                .Where(t => providerIds.Contains(t.ProviderId) && t.StartsAt < rangeEnd && t.EndsAt > rangeStart)
                .Select(t => new BusyInterval(t.ProviderId, t.StartsAt, t.EndsAt))
                .ToListAsync(cancellationToken);

            var extraShifts = await db.ExtraShifts.AsNoTracking()
                .Where(e => providerIds.Contains(e.ProviderId) && e.Date >= query.From && e.Date <= query.To)
                .ToListAsync(cancellationToken);
            var outOfService = await db.OutOfService.AsNoTracking()
                .Where(o => o.StartsAt < rangeEnd && o.EndsAt > rangeStart)
                .Select(o => new BusyInterval(o.RoomId ?? o.DeviceId!.Value, o.StartsAt, o.EndsAt))
                .ToListAsync(cancellationToken);

            var busy = new List<BusyInterval>(timeOff);
            busy.AddRange(outOfService);
            foreach (var a in taken)
            {
                busy.Add(new BusyInterval(a.ProviderId, a.StartsAt, a.BlockedUntil));
                busy.Add(new BusyInterval(a.RoomId, a.StartsAt, a.BlockedUntil));
                if (a.DeviceId is { } device)
                {
                    busy.Add(new BusyInterval(device, a.StartsAt, a.BlockedUntil));
                }
            }

            var request = new AvailabilityRequest
            {
                DurationMinutes = service.DurationMinutes,
                BufferMinutes = service.BufferAfterMinutes,
                NeedsDevice = service.NeedsDevice,
                Providers = providers.Select(p => new ProviderSchedule(p.Id, [.. p.WorkingHours], extraShifts.Where(e => e.ProviderId == p.Id).ToList())).ToList(),
                OpeningHours = [.. policy.OpeningHours],
                Rooms = rooms,
                Devices = devices,
                Busy = busy,
                From = query.From,
                To = query.To,
                Now = clock.GetUtcNow(),
                MinimumNotice = query.ByStaff ? TimeSpan.Zero : policy.MinimumNotice,
                HorizonDays = query.ByStaff ? 365 : policy.HorizonDays,
                SlotMinutes = policy.SlotMinutes,
            };
            return new Result(service, policy, request, AvailabilityCalculator.Find(request, zone));
        }
    }
}
