using System.Text;
using MicroSpa.Web.Features.Shared;

namespace MicroSpa.Web.Tests.Booking;

public sealed class CalendarInviteTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 9, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Writes_one_utc_event_with_a_stable_uid()
    {
        var id = Guid.NewGuid();

        var text = Encoding.UTF8.GetString(CalendarInvite.Create(id, Start, Start.AddHours(1), "Microneedling — face", "Clinic", "Cheeks", Start));

        text.ShouldStartWith("BEGIN:VCALENDAR\r\n");
        text.ShouldContain($"UID:{id}@microspa\r\n");
        text.ShouldContain("DTSTART:20260309T140000Z\r\n");
        text.ShouldContain("DTEND:20260309T150000Z\r\n");
        text.ShouldContain("STATUS:CONFIRMED");
        text.ShouldEndWith("END:VCALENDAR\r\n");
    }

    [Fact]
    public void Escapes_text_and_folds_long_lines_at_75_octets()
    {
        var description = "Face, neck; and chest\nwith Dr. Ward — " + new string('x', 200);

        var text = Encoding.UTF8.GetString(CalendarInvite.Create(Guid.NewGuid(), Start, Start.AddHours(1), "S", "L", description, Start, cancelled: true));

        text.ShouldContain("DESCRIPTION:Face\\, neck\\; and chest\\nwith");
        text.ShouldContain("STATUS:CANCELLED");
        foreach (var line in text.Split("\r\n"))
        {
            Encoding.UTF8.GetByteCount(line).ShouldBeLessThanOrEqualTo(75);
        }
    }
}
