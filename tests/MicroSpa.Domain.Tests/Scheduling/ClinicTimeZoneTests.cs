using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Domain.Tests.Scheduling;

public sealed class ClinicTimeZoneTests
{
    private readonly ClinicTimeZone _newYork = new("America/New_York");

    [Fact]
    public void Converts_a_local_clinic_time_to_its_utc_instant()
    {
        _newYork.ToInstant(new DateOnly(2026, 7, 1), new TimeOnly(9, 30))
            .ShouldBe(new DateTimeOffset(2026, 7, 1, 13, 30, 0, TimeSpan.Zero));
        _newYork.ToInstant(new DateOnly(2026, 1, 15), new TimeOnly(9, 30))
            .ShouldBe(new DateTimeOffset(2026, 1, 15, 14, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_time_skipped_when_clocks_spring_forward_does_not_exist()
    {
        // 8 March 2026: 02:00 jumps to 03:00 in New York.
        _newYork.ToInstant(new DateOnly(2026, 3, 8), new TimeOnly(2, 30)).ShouldBeNull();
        _newYork.ToInstant(new DateOnly(2026, 3, 8), new TimeOnly(3, 0))
            .ShouldBe(new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_time_repeated_when_clocks_fall_back_means_the_first_occurrence()
    {
        // 1 November 2026: 01:00–02:00 happens twice in New York; the first is still daylight time (UTC-4).
        _newYork.ToInstant(new DateOnly(2026, 11, 1), new TimeOnly(1, 30))
            .ShouldBe(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Change_days_are_23_and_25_hours_long()
    {
        var (springStart, springEnd) = _newYork.DayBounds(new DateOnly(2026, 3, 8));
        var (fallStart, fallEnd) = _newYork.DayBounds(new DateOnly(2026, 11, 1));

        (springEnd - springStart).ShouldBe(TimeSpan.FromHours(23));
        (fallEnd - fallStart).ShouldBe(TimeSpan.FromHours(25));
    }

    [Fact]
    public void Shows_a_utc_instant_on_the_clinic_wall_clock()
    {
        var local = _newYork.ToLocal(new DateTimeOffset(2026, 11, 1, 6, 30, 0, TimeSpan.Zero));

        local.ShouldBe(new DateTime(2026, 11, 1, 1, 30, 0));
        _newYork.Today(new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2026, 11, 1));
    }

    [Fact]
    public void Refuses_an_unknown_zone()
    {
        Should.Throw<ArgumentException>(() => new ClinicTimeZone("Mars/Olympus_Mons"));
    }
}
