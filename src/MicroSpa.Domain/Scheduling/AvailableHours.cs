namespace MicroSpa.Domain.Scheduling;

/// <summary>
/// The time a provider, room or device could be booked on one clinic day, by the rules availability offers times by
/// (<see cref="AvailabilityCalculator"/>): a provider's regular week and extra shifts (<see cref="ProviderSchedule.BlocksOn"/>),
/// inside the clinic's opening hours when it sets them, less time off; a room or a device the opening hours (with none
/// set, the hours any bookable provider works) less its out-of-service periods. Wall-clock bounds become instants in the
/// clinic's zone as availability's block ends do (<see cref="ClinicTimeZone.EndInstant"/>) and are measured in elapsed
/// time: 09:00–17:00 on the day the clocks change is 8 hours, 01:00–04:00 on the spring-forward day 2.
/// </summary>
public static class AvailableHours
{
    public static TimeSpan ForProvider(
        ProviderSchedule schedule, IReadOnlyList<WorkingHours> opening, IEnumerable<BusyInterval> timeOff, DateOnly date, ClinicTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(opening);
        var worked = Instants(schedule.BlocksOn(date), date, zone);
        if (opening.Count > 0)
        {
            worked = Intersect(worked, Instants(OpeningOn(opening, date), date, zone));
        }

        return Length(Subtract(worked, timeOff));
    }

    public static TimeSpan ForResource(
        IReadOnlyList<WorkingHours> opening, IEnumerable<ProviderSchedule> providers, IEnumerable<BusyInterval> outOfService, DateOnly date, ClinicTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(opening);
        ArgumentNullException.ThrowIfNull(providers);
        var open = opening.Count > 0
            ? Instants(OpeningOn(opening, date), date, zone)
            : Instants(providers.SelectMany(p => p.BlocksOn(date)), date, zone);
        return Length(Subtract(open, outOfService));
    }

    private static IEnumerable<(TimeOnly Start, TimeOnly End)> OpeningOn(IReadOnlyList<WorkingHours> opening, DateOnly date) =>
        opening.Where(o => o.Day == date.DayOfWeek).Select(o => (o.Start, o.End));

    /// <summary>The blocks as instants, sorted and joined where they overlap (an extra shift may overlap the regular week).</summary>
    private static List<(DateTimeOffset Start, DateTimeOffset End)> Instants(IEnumerable<(TimeOnly Start, TimeOnly End)> blocks, DateOnly date, ClinicTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Join(blocks.Select(b => (zone.EndInstant(date, b.Start), zone.EndInstant(date, b.End))));
    }

    private static List<(DateTimeOffset Start, DateTimeOffset End)> Join(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> intervals)
    {
        var joined = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var (start, end) in intervals.Where(i => i.End > i.Start).OrderBy(i => i.Start))
        {
            if (joined.Count > 0 && start <= joined[^1].End)
            {
                joined[^1] = (joined[^1].Start, end > joined[^1].End ? end : joined[^1].End);
            }
            else
            {
                joined.Add((start, end));
            }
        }

        return joined;
    }

    private static List<(DateTimeOffset Start, DateTimeOffset End)> Intersect(
        List<(DateTimeOffset Start, DateTimeOffset End)> a, List<(DateTimeOffset Start, DateTimeOffset End)> b) =>
        Join(a.SelectMany(x => b.Select(y => (x.Start > y.Start ? x.Start : y.Start, x.End < y.End ? x.End : y.End))));

    private static List<(DateTimeOffset Start, DateTimeOffset End)> Subtract(List<(DateTimeOffset Start, DateTimeOffset End)> from, IEnumerable<BusyInterval> busy)
    {
        ArgumentNullException.ThrowIfNull(busy);
        var left = from;
        foreach (var b in busy)
        {
            left = [.. left.SelectMany(x => Cut(x, b))];
        }

        return left;
    }

    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Cut((DateTimeOffset Start, DateTimeOffset End) interval, BusyInterval busy)
    {
        if (busy.End <= interval.Start || busy.Start >= interval.End)
        {
            yield return interval;
            yield break;
        }

        if (busy.Start > interval.Start)
        {
            yield return (interval.Start, busy.Start);
        }

        if (busy.End < interval.End)
        {
            yield return (busy.End, interval.End);
        }
    }

    private static TimeSpan Length(List<(DateTimeOffset Start, DateTimeOffset End)> intervals) =>
        intervals.Aggregate(TimeSpan.Zero, (sum, i) => sum + (i.End - i.Start));
}
