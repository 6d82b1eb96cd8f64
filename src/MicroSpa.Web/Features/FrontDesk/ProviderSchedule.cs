using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>
/// A provider's regular week, extra shifts, time off, and the booked appointments that now fall outside them
/// (after hours were edited), for the front desk to move. Editing hours never silently orphans a booking.
/// </summary>
public static class ProviderSchedule
{
    public sealed record DayRow(DayOfWeek Day, TimeOnly? Start1, TimeOnly? End1, TimeOnly? Start2, TimeOnly? End2);

    public sealed record TimeOffRow(Guid Id, DateTime LocalStart, DateTime LocalEnd, string? Reason);

    public sealed record Orphan(Guid AppointmentId, DateTime LocalStart, string Client, string Why);

    public sealed record ShiftRow(Guid Id, DateOnly Date, TimeOnly Start, TimeOnly End);

    public sealed record Result(
        Guid ProviderId, string Name, IReadOnlyList<DayRow> Week, IReadOnlyList<TimeOffRow> TimeOff, IReadOnlyList<ShiftRow> ExtraShifts,
        IReadOnlyList<Orphan> Orphans)
    {
        /// <summary>The extra-shift form, refilled after a refused submit.</summary>
        public AddExtraShift.Command NewShift { get; init; } = new();
    }

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, TimeProvider clock)
    {
        public async Task<IReadOnlyList<(Guid Id, string Name)>> ProvidersAsync(CancellationToken cancellationToken) =>
            (await db.Providers.AsNoTracking().Where(p => p.Bookable).OrderBy(p => p.DisplayName)
                .Select(p => new { p.Id, p.DisplayName }).ToListAsync(cancellationToken))
            .Select(p => (p.Id, p.DisplayName)).ToList();

        public async Task<Result?> HandleAsync(Guid providerId, CancellationToken cancellationToken)
        {
            var provider = await db.Providers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == providerId, cancellationToken);
            if (provider is null)
            {
                return null;
            }

            var now = clock.GetUtcNow();
            var week = Shared.ClinicWeek.Days.Select(day =>
            {
                var blocks = provider.WorkingHours.Where(h => h.Day == day).OrderBy(h => h.Start).ToList();
                return new DayRow(day, blocks.ElementAtOrDefault(0)?.Start, blocks.ElementAtOrDefault(0)?.End,
                    blocks.ElementAtOrDefault(1)?.Start, blocks.ElementAtOrDefault(1)?.End);
            }).ToList();
            var timeOff = await db.TimeOff.AsNoTracking().Where(t => t.ProviderId == providerId && t.EndsAt > now)
                .OrderBy(t => t.StartsAt).ToListAsync(cancellationToken);
            var today = zone.Today(now);
            var shifts = await db.ExtraShifts.AsNoTracking().Where(e => e.ProviderId == providerId && e.Date >= today)
                .OrderBy(e => e.Date).ThenBy(e => e.Start).ToListAsync(cancellationToken);
            var schedule = new Domain.Scheduling.ProviderSchedule(provider.Id, [.. provider.WorkingHours], shifts);
            var upcoming = await db.Appointments.AsNoTracking()
                .Where(a => a.ProviderId == providerId && a.StartsAt > now
                    && a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.NoShow)
                .OrderBy(a => a.StartsAt)
                .Select(a => new { a.Id, a.StartsAt, a.BlockedUntil, Client = a.Client!.FirstName + " " + a.Client.LastName })
                .ToListAsync(cancellationToken);

            var orphans = new List<Orphan>();
            foreach (var a in upcoming)
            {
                var start = zone.ToLocal(a.StartsAt);
                var end = zone.ToLocal(a.BlockedUntil);
                var inHours = start.Date == end.Date && schedule.BlocksOn(DateOnly.FromDateTime(start)).Any(h =>
                    h.Start <= TimeOnly.FromDateTime(start) && TimeOnly.FromDateTime(end) <= h.End);
                var off = timeOff.FirstOrDefault(t => t.StartsAt < a.BlockedUntil && a.StartsAt < t.EndsAt);
                if (!inHours || off is not null)
                {
                    orphans.Add(new Orphan(a.Id, start, a.Client, off is not null ? $"during time off ({off.Reason ?? "no reason"})" : "outside working hours"));
                }
            }

            return new Result(provider.Id, provider.DisplayName, week,
                timeOff.Select(t => new TimeOffRow(t.Id, zone.ToLocal(t.StartsAt), zone.ToLocal(t.EndsAt), t.Reason)).ToList(),
                shifts.Select(e => new ShiftRow(e.Id, e.Date, e.Start, e.End)).ToList(), orphans);
        }
    }
}
