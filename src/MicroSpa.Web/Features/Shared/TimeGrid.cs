using System.Globalization;
using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Web.Features.Shared;

/// <summary>Open times grouped by clinic-local day, rendered as one form whose buttons each submit a start.</summary>
public sealed record TimeGrid(
    IReadOnlyList<TimeGrid.Day> Days,
    string FormAction,
    string FormMethod,
    IReadOnlyList<KeyValuePair<string, string>> HiddenFields)
{
    /// <param name="Value">The start as it is submitted.</param>
    /// <param name="Label">The time of day shown.</param>
    /// <param name="Note">A few words shown with the time (what choosing it means), or none.</param>
    /// <param name="Current">The appointment's own time now: shown, marked, not offered.</param>
    public sealed record Time(string Value, string Label, string? Note = null, bool Current = false);

    /// <summary>What a time means for the one choosing it (<see cref="Time.Note"/>, <see cref="Time.Current"/>).</summary>
    public sealed record Mark(string? Note, bool Current);

    public sealed record Day(DateOnly Date, string Label, IReadOnlyList<Time> Times);

    /// <summary>The instant as it travels in forms and links (UTC, ISO 8601).</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static IReadOnlyList<Day> Group(
        IEnumerable<OpenSlot> slots, DateOnly from, DateOnly to, ClinicTimeZone zone, CultureInfo culture, Func<OpenSlot, Mark?>? mark = null)
    {
        var byDay = slots.GroupBy(s => DateOnly.FromDateTime(zone.ToLocal(s.Start))).ToDictionary(g => g.Key, g => g.ToList());
        var days = new List<Day>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            var times = byDay.TryGetValue(date, out var list)
                ? list.Select(s => mark?.Invoke(s) is { } m
                        ? new Time(Format(s.Start), zone.ToLocal(s.Start).ToString("t", culture), m.Note, m.Current)
                        : new Time(Format(s.Start), zone.ToLocal(s.Start).ToString("t", culture)))
                    .ToList()
                : [];
            days.Add(new Day(date, date.ToString("dddd d MMMM", culture), times));
        }

        return days;
    }
}
