namespace MicroSpa.Domain.Scheduling;

/// <summary>A time a resource (provider, room or device) is taken: [Start, End).</summary>
public sealed record BusyInterval(Guid ResourceId, DateTimeOffset Start, DateTimeOffset End);

/// <summary>A provider's regular week and their one-off extra shifts.</summary>
public sealed record ProviderSchedule(Guid ProviderId, IReadOnlyList<WorkingHours> Hours, IReadOnlyList<ExtraShift>? ExtraShifts = null)
{
    /// <summary>The blocks the provider works on a date, in the clinic's local time.</summary>
    public IEnumerable<(TimeOnly Start, TimeOnly End)> BlocksOn(DateOnly date) =>
        Hours.Where(h => h.Day == date.DayOfWeek).Select(h => (h.Start, h.End))
            .Concat((ExtraShifts ?? []).Where(e => e.Date == date).Select(e => (e.Start, e.End)));
}

/// <summary>Everything the availability computation needs, loaded in a bounded number of queries.</summary>
public sealed record AvailabilityRequest
{
    public required int DurationMinutes { get; init; }
    public required int BufferMinutes { get; init; }
    public required bool NeedsDevice { get; init; }

    /// <summary>Providers who are bookable and qualified for the service (already filtered).</summary>
    public required IReadOnlyList<ProviderSchedule> Providers { get; init; }

    /// <summary>Rooms and devices in service.</summary>
    public required IReadOnlyList<Guid> Rooms { get; init; }
    public required IReadOnlyList<Guid> Devices { get; init; }

    /// <summary>
    /// The clinic's opening hours: a start is offered only when the whole held time lies inside them.
    /// Empty: no limit beyond the providers' hours.
    /// </summary>
    public IReadOnlyList<WorkingHours> OpeningHours { get; init; } = [];

    /// <summary>Appointments that hold their time ([start, blocked until)), time off and out-of-service periods.</summary>
    public required IReadOnlyList<BusyInterval> Busy { get; init; }

    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    public required DateTimeOffset Now { get; init; }
    public required TimeSpan MinimumNotice { get; init; }
    public required int HorizonDays { get; init; }
    public int SlotMinutes { get; init; } = 15;
}

/// <summary>An open start time and the providers who could take it.</summary>
public sealed record OpenSlot(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<Guid> ProviderIds);

/// <summary>The provider, room and device that together make a slot bookable.</summary>
public sealed record SlotAssignment(Guid ProviderId, Guid RoomId, Guid? DeviceId);

/// <summary>
/// Finds open times: a start is open when a qualified provider is working and free, and a room and
/// (for needling) a device are free, for the whole duration plus the buffer; at least the minimum
/// notice ahead and inside the horizon. Wall-clock times are converted in the clinic's zone, so a
/// time skipped by the spring-forward change is never offered.
/// </summary>
public static class AvailabilityCalculator
{
    public static IReadOnlyList<OpenSlot> Find(AvailabilityRequest request, ClinicTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(zone);
        var busy = new BusyIndex(request.Busy);
        var held = TimeSpan.FromMinutes(request.DurationMinutes + request.BufferMinutes);
        var earliest = request.Now + request.MinimumNotice;
        var latest = request.Now + TimeSpan.FromDays(request.HorizonDays);
        var slots = new SortedDictionary<DateTimeOffset, List<Guid>>();

        for (var date = request.From; date <= request.To; date = date.AddDays(1))
        {
            // Shared by every provider working that day: the instant of each wall-clock time, and whether
            // a room and a device are free then (null: not computed yet).
            var instants = new Dictionary<TimeOnly, DateTimeOffset?>();
            var resourcesFree = new Dictionary<DateTimeOffset, bool>();
            var opening = OpeningOn(request.OpeningHours, date, zone);
            foreach (var provider in request.Providers)
            {
                foreach (var block in provider.BlocksOn(date))
                {
                    // Block ends are compared in elapsed time: on a change day 00:00–03:00 lasts 2 or 4 hours, not 3.
                    var blockEnd = zone.EndInstant(date, block.End);
                    for (var time = block.Start; time < block.End && time >= block.Start; time = time.AddMinutes(request.SlotMinutes))
                    {
                        if (!instants.TryGetValue(time, out var instant))
                        {
                            instants[time] = instant = zone.ToInstant(date, time);
                        }

                        if (instant is not { } start)
                        {
                            continue; // skipped by the spring-forward change
                        }

                        var end = start + held;
                        if (end > blockEnd)
                        {
                            break; // later starts end later still
                        }

                        if (start < earliest || start > latest || !IsOpen(opening, start, end))
                        {
                            continue;
                        }

                        if (!busy.IsFree(provider.ProviderId, start, end))
                        {
                            continue;
                        }

                        if (!resourcesFree.TryGetValue(start, out var free))
                        {
                            resourcesFree[start] = free = request.Rooms.Any(r => busy.IsFree(r, start, end))
                                && (!request.NeedsDevice || request.Devices.Any(d => busy.IsFree(d, start, end)));
                        }

                        if (free)
                        {
                            if (!slots.TryGetValue(start, out var providers))
                            {
                                slots[start] = providers = [];
                            }

                            if (!providers.Contains(provider.ProviderId))
                            {
                                providers.Add(provider.ProviderId); // an extra shift may overlap the regular week
                            }
                        }
                    }
                }
            }
        }

        var duration = TimeSpan.FromMinutes(request.DurationMinutes);
        return slots.Select(s => new OpenSlot(s.Key, s.Key + duration, s.Value)).ToList();
    }

    /// <summary>The day's opening hours as instants; null when the clinic sets no opening hours at all.</summary>
    private static List<(DateTimeOffset Opens, DateTimeOffset Closes)>? OpeningOn(IReadOnlyList<WorkingHours> opening, DateOnly date, ClinicTimeZone zone) =>
        opening.Count == 0
            ? null
            : opening.Where(o => o.Day == date.DayOfWeek).Select(o => (zone.EndInstant(date, o.Start), zone.EndInstant(date, o.End))).ToList();

    private static bool IsOpen(List<(DateTimeOffset Opens, DateTimeOffset Closes)>? opening, DateTimeOffset start, DateTimeOffset end) =>
        opening is null || opening.Any(o => o.Opens <= start && end <= o.Closes);

    /// <summary>
    /// Picks the resources for a start that was chosen: the requested provider (or the first free one),
    /// the requested room (or the first free one) and the first free device. Null when the time is not open
    /// with what was asked for.
    /// </summary>
    public static SlotAssignment? Assign(AvailabilityRequest request, ClinicTimeZone zone, DateTimeOffset start, Guid? providerId, Guid? roomId = null)
    {
        var slot = Find(request, zone).FirstOrDefault(s => s.Start == start);
        if (slot is null)
        {
            return null;
        }

        var provider = providerId is { } wanted
            ? slot.ProviderIds.Contains(wanted) ? wanted : (Guid?)null
            : slot.ProviderIds[0];
        if (provider is not { } chosen)
        {
            return null;
        }

        var busy = new BusyIndex(request.Busy);
        var end = start + TimeSpan.FromMinutes(request.DurationMinutes + request.BufferMinutes);
        var room = roomId is { } wantedRoom
            ? request.Rooms.Contains(wantedRoom) && busy.IsFree(wantedRoom, start, end) ? wantedRoom : (Guid?)null
            : request.Rooms.First(r => busy.IsFree(r, start, end));
        if (room is not { } chosenRoom)
        {
            return null;
        }

        Guid? device = request.NeedsDevice ? request.Devices.First(d => busy.IsFree(d, start, end)) : null;
        return new SlotAssignment(chosen, chosenRoom, device);
    }

    /// <summary>
    /// Per resource, busy intervals sorted by start with the running maximum of their ends: a range
    /// [s, e) is taken when some interval starting before e ends after s, found by one binary search.
    /// </summary>
    private sealed class BusyIndex
    {
        private readonly Dictionary<Guid, (long[] Starts, long[] MaxEnds)> _byResource;

        public BusyIndex(IReadOnlyList<BusyInterval> intervals) =>
            _byResource = intervals.GroupBy(i => i.ResourceId).ToDictionary(g => g.Key, g =>
            {
                var sorted = g.OrderBy(i => i.Start).ToArray();
                var starts = new long[sorted.Length];
                var maxEnds = new long[sorted.Length];
                var max = long.MinValue;
                for (var i = 0; i < sorted.Length; i++)
                {
                    starts[i] = sorted[i].Start.UtcTicks;
                    max = Math.Max(max, sorted[i].End.UtcTicks);
                    maxEnds[i] = max;
                }

                return (starts, maxEnds);
            });

        public bool IsFree(Guid resource, DateTimeOffset start, DateTimeOffset end)
        {
            if (!_byResource.TryGetValue(resource, out var index))
            {
                return true;
            }

            // The last interval that starts before the end of the range.
            var position = Array.BinarySearch(index.Starts, end.UtcTicks - 1);
            var last = position >= 0 ? position : ~position - 1;
            while (last + 1 < index.Starts.Length && index.Starts[last + 1] < end.UtcTicks)
            {
                last++;
            }

            return last < 0 || index.MaxEnds[last] <= start.UtcTicks;
        }
    }
}
