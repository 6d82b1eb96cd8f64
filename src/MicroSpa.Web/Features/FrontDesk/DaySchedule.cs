using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>The front desk's day: one column per bookable provider (or per room), appointments as blocks on a 15-minute grid.</summary>
public static class DaySchedule
{
    public sealed record Query(DateOnly Date, bool ByRoom);

    /// <summary>One appointment on the grid; Version, ProviderId and RoomId are what a drag to another time or column sends.</summary>
    public sealed record Block(Guid Id, string Time, string Client, string Service, string Areas, AppointmentStatus Status,
        int TopMinutes, int HeightMinutes, bool NeedsReview, string Other, uint Version, Guid ProviderId, Guid RoomId)
    {
        /// <summary>Only a booked appointment moves (the domain refuses the others); only its card is draggable.</summary>
        public bool Movable => Status == AppointmentStatus.Booked;
    }

    public sealed record Shade(int TopMinutes, int HeightMinutes, string Label);

    /// <summary>One column of the grid; Link is where its heading leads (that provider's or room's week).</summary>
    public sealed record Column(Guid Id, string Name, IReadOnlyList<Block> Blocks, IReadOnlyList<Shade> Shades, string? Link = null);

    public sealed record Result(DateOnly Date, TimeOnly Opens, TimeOnly Closes, IReadOnlyList<Column> Columns, int? NowMinutes, bool ByRoom)
    {
        public int TotalMinutes => (int)(Closes - Opens).TotalMinutes;
    }

    private sealed record Row(
        Guid Id, uint Version, Guid ProviderId, Guid RoomId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, AppointmentStatus Status, bool NeedsReview,
        string Client, string Service, string Provider, string Room, List<string> Areas);

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, TimeProvider clock)
    {
        private static readonly TimeOnly DefaultOpen = new(8, 0);
        private static readonly TimeOnly DefaultClose = new(18, 0);

        /// <summary>
        /// The week (Monday to Sunday) around a day for one provider or one room: a column per day,
        /// on one time axis wide enough for every day.
        /// </summary>
        public async Task<(Result Week, string Title)?> WeekAsync(Guid? providerId, Guid? roomId, DateOnly anyDay, CancellationToken cancellationToken)
        {
            var monday = anyDay.AddDays(-(((int)anyDay.DayOfWeek + 6) % 7));
            var days = new List<(DateOnly Date, Result Day, Column Column)>();
            for (var i = 0; i < 7; i++)
            {
                var date = monday.AddDays(i);
                var day = await HandleAsync(new Query(date, roomId is not null), cancellationToken);
                if (day.Columns.FirstOrDefault(c => c.Id == (providerId ?? roomId)) is not { } column)
                {
                    return null;
                }

                days.Add((date, day, column));
            }

            var opens = days.Min(d => d.Day.Opens);
            var closes = days.Max(d => d.Day.Closes);
            var columns = days.Select(d =>
            {
                var shift = (int)(d.Day.Opens - opens).TotalMinutes;
                var tail = (int)(closes - d.Day.Closes).TotalMinutes;
                var shades = d.Column.Shades.Select(x => x with { TopMinutes = x.TopMinutes + shift }).ToList();
                if (shift > 0)
                {
                    shades.Add(new Shade(0, shift, "Not working"));
                }

                if (tail > 0)
                {
                    shades.Add(new Shade((int)(d.Day.Closes - opens).TotalMinutes, tail, "Not working"));
                }

                return new Column(Guid.CreateVersion7(), d.Date.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture),
                    d.Column.Blocks.Select(b => b with { TopMinutes = b.TopMinutes + shift }).ToList(), shades,
                    $"/front-desk?date={d.Date:yyyy-MM-dd}" + (roomId is null ? string.Empty : "&view=rooms"));
            }).ToList();
            var week = new Result(monday, opens, closes, columns, null, roomId is not null);
            return (week, days[0].Column.Name);
        }

        public async Task<Result> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            var (dayStart, dayEnd) = zone.DayBounds(query.Date);
            var providers = await db.Providers.AsNoTracking().Where(p => p.Bookable).OrderBy(p => p.DisplayName).ToListAsync(cancellationToken);
            var rooms = await db.Rooms.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken);
            var appointments = await db.Appointments.AsNoTracking()
                .Where(a => a.StartsAt < dayEnd && a.EndsAt > dayStart && a.StartsAt > dayStart - Appointment.LongestBlock)
                .OrderBy(a => a.StartsAt)
                .Select(a => new Row(
                    a.Id, a.Version, a.ProviderId, a.RoomId, a.StartsAt, a.EndsAt, a.Status, a.NeedsReview,
                    a.Client!.FirstName + " " + a.Client.LastName, a.Service!.Name, a.Provider!.DisplayName, a.Room!.Name,
                    a.BodyAreas.OrderBy(b => b.SortOrder).Select(b => b.Name).ToList()))
                .ToListAsync(cancellationToken);
            var providerIds = providers.Select(p => p.Id).ToList();
            var timeOff = await db.TimeOff.AsNoTracking()
                .Where(t => providerIds.Contains(t.ProviderId) && t.StartsAt < dayEnd && t.EndsAt > dayStart)
                .ToListAsync(cancellationToken);

            var extraShifts = await db.ExtraShifts.AsNoTracking().Where(e => e.Date == query.Date).ToListAsync(cancellationToken);
            var closures = await db.OutOfService.AsNoTracking().Where(o => o.StartsAt < dayEnd && o.EndsAt > dayStart).ToListAsync(cancellationToken);
            var opening = (await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken)).OpeningHours
                .Where(h => h.Day == query.Date.DayOfWeek).Select(h => (h.Start, h.End)).ToList();
            var schedules = providers.ToDictionary(p => p.Id,
                p => new Domain.Scheduling.ProviderSchedule(p.Id, [.. p.WorkingHours], extraShifts.Where(e => e.ProviderId == p.Id).ToList()));

            // The grid spans the clinic's opening hours and every provider's blocks that day.
            var hours = schedules.Values.SelectMany(p => p.BlocksOn(query.Date)).Concat(opening).ToList();
            var opens = hours.Count > 0 ? hours.Min(h => h.Start) : DefaultOpen;
            var closes = hours.Count > 0 ? hours.Max(h => h.End) : DefaultClose;
            // Widen the grid to whole hours around appointments booked outside the usual hours.
            foreach (var a in appointments)
            {
                var start = TimeOnly.FromDateTime(zone.ToLocal(a.StartsAt < dayStart ? dayStart : a.StartsAt));
                var end = a.EndsAt >= dayEnd ? new TimeOnly(23, 59) : TimeOnly.FromDateTime(zone.ToLocal(a.EndsAt));
                opens = start < opens ? new TimeOnly(start.Hour, 0) : opens;
                closes = end > closes ? (end.Hour == 23 ? new TimeOnly(23, 59) : new TimeOnly(end.Hour + 1, 0)) : closes;
            }

            int Minutes(DateTimeOffset instant) =>
                (int)(zone.ToLocal(instant < dayStart ? dayStart : instant > dayEnd ? dayEnd : instant) - query.Date.ToDateTime(opens)).TotalMinutes;

            // A period shaded on the grid, cut to the part the grid shows.
            Shade Span(DateTimeOffset from, DateTimeOffset to, string label)
            {
                var total = (int)(closes - opens).TotalMinutes;
                var top = Math.Clamp(Minutes(from), 0, total);
                return new Shade(top, Math.Clamp(Minutes(to), 0, total) - top, label);
            }

            Block ToBlock(Row a, string other)
            {
                var top = Minutes(a.StartsAt);
                var bottom = Minutes(a.EndsAt);
                return new Block(a.Id, zone.ToLocal(a.StartsAt).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    a.Client, a.Service, string.Join(", ", a.Areas), a.Status, top, Math.Max(15, bottom - top), a.NeedsReview, other,
                    a.Version, a.ProviderId, a.RoomId);
            }

            IReadOnlyList<Column> columns;
            if (query.ByRoom)
            {
                columns = rooms.Select(r => new Column(r.Id, r.Name,
                        appointments.Where(a => a.RoomId == r.Id).Select(a => ToBlock(a, a.Provider)).ToList(),
                        r.InService
                            ? closures.Where(c => c.RoomId == r.Id)
                                .Select(c => Span(c.StartsAt, c.EndsAt, c.Reason ?? "Out of service")).Where(x => x.HeightMinutes > 0).ToList()
                            : [new Shade(0, (int)(closes - opens).TotalMinutes, "Out of service")],
                        $"/front-desk/week?roomId={r.Id}&date={query.Date:yyyy-MM-dd}"))
                    .ToList();
            }
            else
            {
                columns = providers.Select(p =>
                {
                    var shades = new List<Shade>();
                    var cursor = opens;
                    foreach (var block in schedules[p.Id].BlocksOn(query.Date).OrderBy(h => h.Start))
                    {
                        if (block.Start > cursor)
                        {
                            shades.Add(new Shade((int)(cursor - opens).TotalMinutes, (int)(block.Start - cursor).TotalMinutes, "Not working"));
                        }

                        cursor = block.End > cursor ? block.End : cursor;
                    }

                    if (cursor < closes)
                    {
                        shades.Add(new Shade((int)(cursor - opens).TotalMinutes, (int)(closes - cursor).TotalMinutes, "Not working"));
                    }

                    shades.AddRange(timeOff.Where(t => t.ProviderId == p.Id)
                        .Select(t => Span(t.StartsAt, t.EndsAt, t.Reason ?? "Time off")).Where(x => x.HeightMinutes > 0));
                    return new Column(p.Id, p.DisplayName,
                        appointments.Where(a => a.ProviderId == p.Id).Select(a => ToBlock(a, a.Room)).ToList(), shades,
                        $"/front-desk/week?providerId={p.Id}&date={query.Date:yyyy-MM-dd}");
                }).ToList();
            }

            var now = clock.GetUtcNow();
            int? nowMinutes = now >= dayStart && now < dayEnd ? Minutes(now) : null;
            var total = (int)(closes - opens).TotalMinutes;
            return new Result(query.Date, opens, closes, columns, nowMinutes >= 0 && nowMinutes <= total ? nowMinutes : null, query.ByRoom);
        }
    }
}
