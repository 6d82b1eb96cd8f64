using System.Globalization;

namespace MicroSpa.Web.Infrastructure.Validation;

/// <summary>
/// The dates MicroSpa works with anywhere: 1 January 1900 to 31 December 2199. Dates further out are
/// typing mistakes or probes, and near the ends of .NET's calendar (0001, 9999) adding a week or
/// converting a day to the clinic's zone overflows. They are refused where they enter (binding), never
/// deep inside a query.
/// </summary>
public static class CalendarRange
{
    public static readonly DateOnly First = new(1900, 1, 1);
    public static readonly DateOnly Last = new(2199, 12, 31);

    public static readonly string Message =
        $"Choose a date between {First.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} and {Last.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}.";

    public static bool Contains(DateOnly date) => date >= First && date <= Last;

    /// <summary>Whether a bound value (a date, an instant, a date and time, or anything else) is within the range; not a date is fine.</summary>
    public static bool Accepts(object? value) => value switch
    {
        DateOnly date => Contains(date),
        DateTimeOffset instant => Contains(DateOnly.FromDateTime(instant.UtcDateTime)),
        DateTime dateTime => Contains(DateOnly.FromDateTime(dateTime)),
        _ => true,
    };
}
