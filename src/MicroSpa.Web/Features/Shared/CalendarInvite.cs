using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// iCalendar (RFC 5545) written by Ical.Net: the one-event file of a confirmation email (UTC times, a stable UID so a
/// reschedule or cancellation updates the same calendar entry) and the events of a provider's calendar feed.
/// Ical.Net escapes the text and folds the lines.
/// </summary>
public static class CalendarInvite
{
    public const string ProductId = "-//MicroSpa//Booking//EN";

    public static byte[] Create(
        Guid appointmentId, DateTimeOffset start, DateTimeOffset end, string summary, string location, string description,
        DateTimeOffset stamp, bool cancelled = false)
    {
        var calendar = NewCalendar(cancelled ? CalendarMethods.Cancel : CalendarMethods.Publish);
        var item = Event(appointmentId, start, end, summary, location, description, stamp);
        item.Sequence = (int)(stamp.ToUnixTimeSeconds() / 60 % int.MaxValue);
        item.Status = cancelled ? EventStatus.Cancelled : EventStatus.Confirmed;
        calendar.Events.Add(item);
        return Serialize(calendar);
    }

    /// <summary>A calendar with MicroSpa's product id and the given METHOD.</summary>
    public static Calendar NewCalendar(string method) => new() { ProductId = ProductId, Scale = "GREGORIAN", Method = method };

    /// <summary>One appointment as an event: its UID is the appointment's, its times are UTC.</summary>
    public static CalendarEvent Event(
        Guid appointmentId, DateTimeOffset start, DateTimeOffset end, string summary, string location, string? description, DateTimeOffset stamp) =>
        new()
        {
            Uid = Uid(appointmentId),
            DtStamp = Utc(stamp),
            DtStart = Utc(start),
            DtEnd = Utc(end),
            Summary = summary,
            Location = location,
            Description = description,
        };

    public static string Uid(Guid appointmentId) => $"{appointmentId}@microspa";

    public static byte[] Serialize(Calendar calendar) =>
        Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar) ?? string.Empty);

    private static CalDateTime Utc(DateTimeOffset instant) => new(instant.UtcDateTime, CalDateTime.UtcTzId);
}
