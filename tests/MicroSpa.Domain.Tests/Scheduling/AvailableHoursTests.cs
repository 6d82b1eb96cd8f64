using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Domain.Tests.Scheduling;

public sealed class AvailableHoursTests
{
    private static readonly ClinicTimeZone NewYork = new("America/New_York");
    private static readonly DateOnly SpringForward = new(2027, 3, 14);
    private static readonly DateOnly FallBack = new(2026, 11, 1);
    private static readonly Guid Maya = Guid.NewGuid();

    private static ProviderSchedule Works(DayOfWeek day, int from, int to, params ExtraShift[] extra) =>
        new(Maya, [new WorkingHours(day, new TimeOnly(from, 0), new TimeOnly(to, 0))], extra);

    private static DateTimeOffset At(DateOnly day, int hour) => NewYork.ToInstant(day, new TimeOnly(hour, 0))!.Value;

    [Fact]
    public void A_provider_working_9_to_17_on_the_days_the_clocks_change_has_8_hours()
    {
        AvailableHours.ForProvider(Works(DayOfWeek.Sunday, 9, 17), [], [], SpringForward, NewYork).ShouldBe(TimeSpan.FromHours(8));
        AvailableHours.ForProvider(Works(DayOfWeek.Sunday, 9, 17), [], [], FallBack, NewYork).ShouldBe(TimeSpan.FromHours(8));
    }

    [Fact]
    public void Hours_across_the_change_are_measured_in_elapsed_time()
    {
        AvailableHours.ForProvider(Works(DayOfWeek.Sunday, 1, 4), [], [], SpringForward, NewYork).ShouldBe(TimeSpan.FromHours(2));
        AvailableHours.ForProvider(Works(DayOfWeek.Sunday, 1, 4), [], [], FallBack, NewYork).ShouldBe(TimeSpan.FromHours(4));
    }

    [Fact]
    public void Time_off_is_taken_away_and_an_extra_shift_overlapping_the_week_counts_once()
    {
        var monday = new DateOnly(2027, 3, 15);
        var extra = new ExtraShift(Maya, monday, new TimeOnly(16, 0), new TimeOnly(19, 0), monday);
        var off = new BusyInterval(Maya, At(monday, 13), At(monday, 15));

        AvailableHours.ForProvider(Works(DayOfWeek.Monday, 9, 17, extra), [], [off], monday, NewYork).ShouldBe(TimeSpan.FromHours(8), "9–19 is 10 hours, less 2 off");
        AvailableHours.ForProvider(Works(DayOfWeek.Tuesday, 9, 17), [], [], monday, NewYork).ShouldBe(TimeSpan.Zero, "not a working day");
    }

    [Fact]
    public void A_provider_is_available_only_inside_the_opening_hours_and_a_room_the_opening_hours_less_its_repairs()
    {
        var monday = new DateOnly(2027, 3, 15);
        WorkingHours[] opening = [new(DayOfWeek.Monday, new TimeOnly(10, 0), new TimeOnly(16, 0))];
        var repair = new BusyInterval(Guid.NewGuid(), At(monday, 8), At(monday, 11));

        AvailableHours.ForProvider(Works(DayOfWeek.Monday, 9, 17), opening, [], monday, NewYork).ShouldBe(TimeSpan.FromHours(6));
        AvailableHours.ForResource(opening, [Works(DayOfWeek.Monday, 9, 17)], [repair], monday, NewYork).ShouldBe(TimeSpan.FromHours(5));
        AvailableHours.ForResource([], [Works(DayOfWeek.Monday, 9, 17), new ProviderSchedule(Guid.NewGuid(), [new(DayOfWeek.Monday, new TimeOnly(15, 0), new TimeOnly(18, 0))])], [], monday, NewYork)
            .ShouldBe(TimeSpan.FromHours(9), "with no opening hours set, the hours any provider works: 9–18");
    }
}
