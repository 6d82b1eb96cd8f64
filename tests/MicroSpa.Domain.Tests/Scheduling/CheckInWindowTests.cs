using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Domain.Tests.Scheduling;

/// <summary>Check-in opens on the appointment's day (clinic time), a set time before the start, and closes when that day ends.</summary>
public sealed class CheckInWindowTests
{
    private static readonly ClinicTimeZone Zone = new("America/New_York");

    // Wednesday 15 April 2026, 10:00 in New York (14:00 UTC).
    private static readonly DateTimeOffset Start = new(2026, 4, 15, 14, 0, 0, TimeSpan.Zero);

    private static BookingPolicy Policy(int minutesBefore = 60)
    {
        var policy = BookingPolicy.Default();
        policy.SetCheckInWindow(minutesBefore);
        return policy;
    }

    [Fact]
    public void A_visit_a_week_away_cannot_be_checked_in_and_the_message_says_when_it_can()
    {
        var error = Should.Throw<DomainException>(() => Policy().EnsureCheckInOpen(Start, Start.AddDays(-7), Zone));

        error.Message.ShouldBe("This appointment is on Wednesday 15 April: check-in opens that day at 09:00.");
    }

    [Fact]
    public void On_the_day_check_in_opens_the_set_time_before_the_start()
    {
        var policy = Policy(minutesBefore: 45);

        Should.Throw<DomainException>(() => policy.EnsureCheckInOpen(Start, Start.AddMinutes(-46), Zone))
            .Message.ShouldBe("Check-in opens at 09:15, 45 minutes before the appointment.");
        policy.EnsureCheckInOpen(Start, Start.AddMinutes(-45), Zone);
        policy.EnsureCheckInOpen(Start, Start.AddHours(3), Zone); // late, still that day
    }

    [Fact]
    public void Check_in_never_opens_before_the_appointments_day_in_clinic_time()
    {
        // 00:30 on 15 April: twelve hours before would be the evening before.
        var early = new DateTimeOffset(2026, 4, 15, 4, 30, 0, TimeSpan.Zero);
        var policy = Policy(minutesBefore: 12 * 60);

        Should.Throw<DomainException>(() => policy.EnsureCheckInOpen(early, early.AddHours(-1), Zone));
        policy.EnsureCheckInOpen(early, early.AddMinutes(-30), Zone);
    }

    [Fact]
    public void Once_the_day_is_over_a_visit_is_no_longer_checked_in()
    {
        var nextMorning = new DateTimeOffset(2026, 4, 16, 4, 0, 0, TimeSpan.Zero); // 00:00 on the 16th in New York

        Should.Throw<DomainException>(() => Policy().EnsureCheckInOpen(Start, nextMorning, Zone))
            .Message.ShouldBe("This appointment was on Wednesday 15 April: it can no longer be checked in.");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(721)]
    public void The_window_is_zero_to_twelve_hours(int minutes) =>
        Should.Throw<DomainException>(() => BookingPolicy.Default().SetCheckInWindow(minutes)).Field.ShouldBe(nameof(BookingPolicy.CheckInOpensMinutesBefore));
}
