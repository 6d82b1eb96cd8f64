namespace MicroSpa.Domain.Scheduling;

/// <summary>
/// The clinic's IANA time zone. Everything is stored as a UTC instant and converted here, at the
/// edges. Local times that do not exist (spring forward) or happen twice (fall back) are resolved
/// explicitly rather than by accident.
/// </summary>
public sealed class ClinicTimeZone
{
    public ClinicTimeZone(string ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId) || !TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone))
        {
            throw new ArgumentException($"'{ianaId}' is not a known IANA time zone.", nameof(ianaId));
        }

        Zone = zone;
        Id = ianaId;
    }

    public string Id { get; }
    public TimeZoneInfo Zone { get; }

    public DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(ToLocal(now));

    /// <summary>
    /// The instant a wall-clock time in the clinic means. A time skipped by a spring-forward change
    /// returns null (there is no such moment); a time repeated by a fall-back change means the
    /// first (daylight) occurrence.
    /// </summary>
    public DateTimeOffset? ToInstant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            return null;
        }

        var offset = Zone.IsAmbiguousTime(local)
            ? Zone.GetAmbiguousTimeOffsets(local).Max()
            : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>
    /// The instant a wall-clock bound (the end of working or opening hours) means, for comparing in elapsed
    /// time. A bound skipped by a spring-forward change means the moment the clocks jumped; a repeated one,
    /// its first occurrence (as <see cref="ToInstant"/>).
    /// </summary>
    public DateTimeOffset EndInstant(DateOnly date, TimeOnly time)
    {
        for (var minutes = 0; minutes <= 24 * 60; minutes++)
        {
            var later = date.ToDateTime(time).AddMinutes(minutes);
            if (ToInstant(DateOnly.FromDateTime(later), TimeOnly.FromDateTime(later)) is { } instant)
            {
                return instant;
            }
        }

        throw new InvalidOperationException($"No valid local time after {date} {time}.");
    }

    /// <summary>The UTC instants that bound a local calendar day (23 or 25 hours long on change days).</summary>
    public (DateTimeOffset Start, DateTimeOffset End) DayBounds(DateOnly date) =>
        (StartOfDay(date), StartOfDay(date.AddDays(1)));

    private DateTimeOffset StartOfDay(DateOnly date)
    {
        // Midnight can itself be skipped in some zones; the day then starts at the first valid minute.
        for (var minutes = 0; minutes < 24 * 60; minutes += 15)
        {
            if (ToInstant(date, TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minutes))) is { } instant)
            {
                return instant;
            }
        }

        throw new InvalidOperationException($"No valid local time on {date}.");
    }
}
