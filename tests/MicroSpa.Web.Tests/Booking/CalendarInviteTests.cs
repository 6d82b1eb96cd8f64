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
    public void Read_back_by_ical_net_it_is_the_same_event_with_its_method()
    {
        var id = Guid.NewGuid();

        var booked = Ical.Net.Calendar.Load(Encoding.UTF8.GetString(
            CalendarInvite.Create(id, Start, Start.AddHours(1), "Microneedling — face at Clinic", "Clinic, 1 Main St", "Cheeks, forehead", Start)))!;
        var cancelled = Ical.Net.Calendar.Load(Encoding.UTF8.GetString(
            CalendarInvite.Create(id, Start, Start.AddHours(1), "S", "L", "D", Start.AddMinutes(5), cancelled: true)))!;

        booked.Method.ShouldBe("PUBLISH");
        booked.ProductId.ShouldBe("-//MicroSpa//Booking//EN");
        var item = booked.Events.ShouldHaveSingleItem();
        item.Uid.ShouldBe($"{id}@microspa");
        item.DtStart!.IsUtc.ShouldBeTrue();
        item.DtStart.AsUtc.ShouldBe(Start.UtcDateTime);
        item.DtEnd!.AsUtc.ShouldBe(Start.AddHours(1).UtcDateTime);
        item.Summary.ShouldBe("Microneedling — face at Clinic");
        item.Location.ShouldBe("Clinic, 1 Main St");
        item.Description.ShouldBe("Cheeks, forehead");
        cancelled.Method.ShouldBe("CANCEL");
        cancelled.Events.Single().Uid.ShouldBe(item.Uid, "a cancellation updates the same calendar entry");
        cancelled.Events.Single().Sequence.ShouldBeGreaterThan(item.Sequence);
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
