using System.Globalization;
using System.Text;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// A one-event iCalendar file (RFC 5545) for the confirmation email: UTC times, escaped text and folded
/// lines, with a stable UID so a reschedule or cancellation updates the same calendar entry.
/// </summary>
public static class CalendarInvite
{
    public static byte[] Create(
        Guid appointmentId, DateTimeOffset start, DateTimeOffset end, string summary, string location, string description,
        DateTimeOffset stamp, bool cancelled = false)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//MicroSpa//Booking//EN",
            "CALSCALE:GREGORIAN",
            cancelled ? "METHOD:CANCEL" : "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:{appointmentId}@microspa",
            $"DTSTAMP:{Utc(stamp)}",
            $"SEQUENCE:{stamp.ToUnixTimeSeconds() / 60 % int.MaxValue}",
            $"DTSTART:{Utc(start)}",
            $"DTEND:{Utc(end)}",
            $"SUMMARY:{Escape(summary)}",
            $"LOCATION:{Escape(location)}",
            $"DESCRIPTION:{Escape(description)}",
            cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED",
            "END:VEVENT",
            "END:VCALENDAR",
        };
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(text, line);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Utc(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\r\n", "\\n", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Lines longer than 75 octets continue on the next line after a space.</summary>
    private static void Fold(StringBuilder output, string line)
    {
        var bytes = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (bytes + size > 75)
            {
                output.Append("\r\n ");
                bytes = 1;
            }

            output.Append(rune.ToString());
            bytes += size;
        }

        output.Append("\r\n");
    }
}
