using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Domain.Tests.Scheduling;

public sealed class AvailabilityCalculatorTests
{
    private static readonly ClinicTimeZone Zone = new("America/New_York");

    // Wednesday 15 April 2026 in New York (UTC-4).
    private static readonly DateOnly Day = new(2026, 4, 15);
    private static readonly DateTimeOffset Now = new(2026, 4, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Maya = Guid.NewGuid();
    private static readonly Guid Sofia = Guid.NewGuid();
    private static readonly Guid RoomOne = Guid.NewGuid();
    private static readonly Guid RoomTwo = Guid.NewGuid();
    private static readonly Guid Pen = Guid.NewGuid();

    private static AvailabilityRequest Request(
        IReadOnlyList<BusyInterval>? busy = null,
        IReadOnlyList<ProviderSchedule>? providers = null,
        IReadOnlyList<Guid>? rooms = null,
        IReadOnlyList<Guid>? devices = null,
        DateOnly? from = null,
        DateOnly? to = null,
        DateTimeOffset? now = null,
        int duration = 60,
        int buffer = 15,
        int horizonDays = 60) => new()
    {
        DurationMinutes = duration,
        BufferMinutes = buffer,
        NeedsDevice = true,
        Providers = providers ?? [Works(Maya, Day.DayOfWeek, 9, 12)],
        Rooms = rooms ?? [RoomOne],
        Devices = devices ?? [Pen],
        Busy = busy ?? [],
        From = from ?? Day,
        To = to ?? Day,
        Now = now ?? Now,
        MinimumNotice = TimeSpan.FromHours(2),
        HorizonDays = horizonDays,
    };

    private static ProviderSchedule Works(Guid provider, DayOfWeek day, int from, int to, params (int From, int To)[] more) =>
        new(provider, [new WorkingHours(day, new TimeOnly(from, 0), new TimeOnly(to, 0)),
            .. more.Select(m => new WorkingHours(day, new TimeOnly(m.From, 0), new TimeOnly(m.To, 0)))]);

    private static DateTimeOffset Local(int hour, int minute = 0, DateOnly? date = null) =>
        Zone.ToInstant(date ?? Day, new TimeOnly(hour, minute))!.Value;

    private static List<string> Times(IReadOnlyList<OpenSlot> slots) =>
        slots.Select(s => Zone.ToLocal(s.Start).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public void Offers_every_quarter_hour_where_duration_and_buffer_fit_inside_working_hours()
    {
        var slots = AvailabilityCalculator.Find(Request(), Zone);

        // 9:00–12:00, 75 minutes held: the last start is 10:45.
        Times(slots).ShouldBe(["09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45"]);
        slots[0].End.ShouldBe(Local(10));
    }

    [Fact]
    public void A_booked_appointment_and_its_buffer_block_the_provider()
    {
        var busy = new BusyInterval(Maya, Local(10), Local(11, 15));

        var times = Times(AvailabilityCalculator.Find(Request(busy: [busy]), Zone));

        // 75 minutes before 10:00 starts at 8:45 (before work); nothing fits after 11:15 in a 12:00 close.
        times.ShouldBe([]);
    }

    [Fact]
    public void A_break_between_two_blocks_is_never_offered()
    {
        var provider = Works(Maya, Day.DayOfWeek, 9, 11, (12, 14));

        var times = Times(AvailabilityCalculator.Find(Request(providers: [provider]), Zone));

        times.ShouldBe(["09:00", "09:15", "09:30", "09:45", "12:00", "12:15", "12:30", "12:45"]);
    }

    [Fact]
    public void Time_off_blocks_like_an_appointment()
    {
        var timeOff = new BusyInterval(Maya, Local(9), Local(10, 30));

        var times = Times(AvailabilityCalculator.Find(Request(busy: [timeOff]), Zone));

        times.ShouldBe(["10:30", "10:45"]);
    }

    [Fact]
    public void A_time_needs_a_free_room_even_when_the_provider_is_free()
    {
        var roomTaken = new BusyInterval(RoomOne, Local(9), Local(10));

        var oneRoom = Times(AvailabilityCalculator.Find(Request(busy: [roomTaken]), Zone));
        var twoRooms = Times(AvailabilityCalculator.Find(Request(busy: [roomTaken], rooms: [RoomOne, RoomTwo]), Zone));

        oneRoom.ShouldBe(["10:00", "10:15", "10:30", "10:45"]);
        twoRooms.First().ShouldBe("09:00");
    }

    [Fact]
    public void Needling_needs_a_free_device_but_a_consultation_does_not()
    {
        var penTaken = new BusyInterval(Pen, Local(9), Local(12));

        AvailabilityCalculator.Find(Request(busy: [penTaken]), Zone).ShouldBeEmpty();
        AvailabilityCalculator.Find(Request(busy: [penTaken]) with { NeedsDevice = false }, Zone).ShouldNotBeEmpty();
    }

    [Fact]
    public void Respects_the_minimum_notice_and_the_horizon()
    {
        var nearlyNine = Local(7, 30);

        var soon = Times(AvailabilityCalculator.Find(Request(now: nearlyNine), Zone));
        var beyondHorizon = AvailabilityCalculator.Find(Request(now: Now, horizonDays: 3), Zone);

        soon.First().ShouldBe("09:30");
        beyondHorizon.ShouldBeEmpty();
    }

    [Fact]
    public void Lists_which_providers_can_take_each_time()
    {
        var sofia = Works(Sofia, Day.DayOfWeek, 10, 12);

        var slots = AvailabilityCalculator.Find(Request(providers: [Works(Maya, Day.DayOfWeek, 9, 12), sofia], rooms: [RoomOne, RoomTwo], devices: [Pen, Guid.NewGuid()]), Zone);

        slots.Single(s => s.Start == Local(9)).ProviderIds.ShouldBe([Maya]);
        slots.Single(s => s.Start == Local(10)).ProviderIds.ShouldBe([Maya, Sofia], ignoreOrder: true);
    }

    [Fact]
    public void On_the_spring_forward_day_times_stay_on_the_wall_clock_and_the_missing_hour_is_skipped()
    {
        // Sunday 8 March 2026: clocks jump from 02:00 to 03:00 in New York.
        var springDay = new DateOnly(2026, 3, 8);
        var nightOwl = Works(Maya, DayOfWeek.Sunday, 1, 5);

        var slots = AvailabilityCalculator.Find(
            Request(providers: [nightOwl], from: springDay, to: springDay, now: new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)), Zone);

        var times = Times(slots);
        times.ShouldNotContain("02:00");
        times.ShouldNotContain("02:30");
        times.ShouldContain("01:00");
        times.ShouldContain("03:00");
        slots.Single(s => Zone.ToLocal(s.Start).Hour == 3 && Zone.ToLocal(s.Start).Minute == 0).Start
            .ShouldBe(new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void On_the_fall_back_day_a_nine_oclock_start_is_nine_on_the_clinic_clock()
    {
        // Sunday 1 November 2026: clocks go back from 02:00 to 01:00; the day after 2 a.m. is UTC-5.
        var fallDay = new DateOnly(2026, 11, 1);
        var sunday = Works(Maya, DayOfWeek.Sunday, 9, 12);

        var slots = AvailabilityCalculator.Find(
            Request(providers: [sunday], from: fallDay, to: fallDay, now: new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.Zero)), Zone);

        slots[0].Start.ShouldBe(new DateTimeOffset(2026, 11, 1, 14, 0, 0, TimeSpan.Zero));
        Times(slots)[0].ShouldBe("09:00");
    }

    [Fact]
    public void On_the_spring_forward_day_a_visit_ends_by_closing_time_in_elapsed_time()
    {
        // Sunday 14 March 2027: 02:00 EST jumps to 03:00 EDT, so 00:00–03:00 is open for two hours only.
        var springDay = new DateOnly(2027, 3, 14);
        var request = Request(providers: [Works(Maya, DayOfWeek.Sunday, 0, 3)], from: springDay, to: springDay,
            now: new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), duration: 75, buffer: 15) with
        {
            OpeningHours = [new WorkingHours(DayOfWeek.Sunday, new TimeOnly(0, 0), new TimeOnly(3, 0))],
        };

        var slots = AvailabilityCalculator.Find(request, Zone);

        // 90 minutes held: the last start is 00:30 EST, held until 03:00 EDT (07:00 UTC).
        Times(slots).ShouldBe(["00:00", "00:15", "00:30"]);
        (slots[^1].Start + TimeSpan.FromMinutes(90)).ShouldBe(new DateTimeOffset(2027, 3, 14, 7, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void On_the_fall_back_day_the_repeated_hour_counts_and_visits_still_end_by_closing_time()
    {
        // Sunday 7 November 2027: 02:00 EDT goes back to 01:00 EST, so 00:00–03:00 is open for four hours.
        var fallDay = new DateOnly(2027, 11, 7);
        var request = Request(providers: [Works(Maya, DayOfWeek.Sunday, 0, 3)], from: fallDay, to: fallDay,
            now: new DateTimeOffset(2027, 11, 1, 0, 0, 0, TimeSpan.Zero), duration: 75, buffer: 15) with
        {
            OpeningHours = [new WorkingHours(DayOfWeek.Sunday, new TimeOnly(0, 0), new TimeOnly(3, 0))],
        };

        var slots = AvailabilityCalculator.Find(request, Zone);

        // Wall-clock times from 01:00 mean their first (EDT) occurrence. 01:45 EDT held 90 minutes ends at 02:15 EST,
        // inside the hours; 02:00 EST would end at 03:30 EST, after closing (08:00 UTC).
        Times(slots).ShouldBe(["00:00", "00:15", "00:30", "00:45", "01:00", "01:15", "01:30", "01:45"]);
        slots.ShouldAllBe(s => s.Start + TimeSpan.FromMinutes(90) <= new DateTimeOffset(2027, 11, 7, 8, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Assigns_the_requested_provider_and_the_first_free_room_and_device()
    {
        var request = Request(
            providers: [Works(Maya, Day.DayOfWeek, 9, 12), Works(Sofia, Day.DayOfWeek, 9, 12)],
            rooms: [RoomOne, RoomTwo],
            busy: [new BusyInterval(RoomOne, Local(9), Local(10))]);

        var assignment = AvailabilityCalculator.Assign(request, Zone, Local(9), Sofia);

        assignment.ShouldBe(new SlotAssignment(Sofia, RoomTwo, Pen));
        AvailabilityCalculator.Assign(request, Zone, Local(9, 5), null).ShouldBeNull();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Agrees_with_a_plain_check_of_every_start_on_random_busy_days(int seed)
    {
        var random = new Random(seed);
        var providers = new[] { Maya, Sofia };
        var rooms = new[] { RoomOne, RoomTwo };
        var devices = new[] { Pen };
        var busy = new List<BusyInterval>();
        foreach (var resource in providers.Concat(rooms).Concat(devices))
        {
            for (var i = 0; i < 6; i++)
            {
                var start = Local(8) + TimeSpan.FromMinutes(random.Next(0, 12 * 4) * 15);
                busy.Add(new BusyInterval(resource, start, start + TimeSpan.FromMinutes(random.Next(1, 8) * 15)));
            }
        }

        var request = Request(busy: busy, providers: [Works(Maya, Day.DayOfWeek, 8, 20), Works(Sofia, Day.DayOfWeek, 8, 20)],
            rooms: rooms, devices: devices);

        var found = AvailabilityCalculator.Find(request, Zone).ToDictionary(s => s.Start, s => s.ProviderIds.Order().ToList());

        bool Free(Guid resource, DateTimeOffset s, DateTimeOffset e) => !busy.Any(b => b.ResourceId == resource && b.Start < e && s < b.End);
        for (var start = Local(8); start + TimeSpan.FromMinutes(75) <= Local(20); start += TimeSpan.FromMinutes(15))
        {
            var end = start + TimeSpan.FromMinutes(75);
            var expected = providers.Where(p => Free(p, start, end)).Order().ToList();
            if (!rooms.Any(r => Free(r, start, end)) || !devices.Any(d => Free(d, start, end)))
            {
                expected.Clear();
            }

            (found.TryGetValue(start, out var actual) ? actual : []).ShouldBe(expected, $"at {Zone.ToLocal(start):HH:mm}");
        }
    }

    [Fact]
    public void An_extra_shift_opens_times_on_a_day_the_provider_does_not_usually_work()
    {
        var shift = new ExtraShift(Maya, Day, new TimeOnly(17, 0), new TimeOnly(19, 0), DateOnly.FromDateTime(Now.UtcDateTime));
        var usualWeek = Works(Maya, DayOfWeek.Monday, 9, 17);

        Times(AvailabilityCalculator.Find(Request(providers: [usualWeek]), Zone)).ShouldBeEmpty();
        var slots = AvailabilityCalculator.Find(Request(providers: [usualWeek with { ExtraShifts = [shift] }]), Zone);

        Times(slots).ShouldBe(["17:00", "17:15", "17:30", "17:45"]);
    }

    [Fact]
    public void An_extra_shift_overlapping_the_usual_hours_offers_each_time_once_for_that_provider()
    {
        var shift = new ExtraShift(Maya, Day, new TimeOnly(11, 0), new TimeOnly(13, 0), DateOnly.FromDateTime(Now.UtcDateTime));

        var slots = AvailabilityCalculator.Find(Request(providers: [Works(Maya, Day.DayOfWeek, 9, 12) with { ExtraShifts = [shift] }]), Zone);

        slots.ShouldAllBe(s => s.ProviderIds.Count == 1);
        Times(slots).ShouldContain("11:45"); // inside the extra shift only
    }

    [Fact]
    public void Times_are_offered_only_inside_the_clinics_opening_hours()
    {
        var request = Request() with { OpeningHours = [new WorkingHours(Day.DayOfWeek, new TimeOnly(10, 0), new TimeOnly(12, 0))] };

        Times(AvailabilityCalculator.Find(request, Zone)).ShouldBe(["10:00", "10:15", "10:30", "10:45"]);
        var closed = Request() with { OpeningHours = [new WorkingHours(DayOfWeek.Monday, new TimeOnly(8, 0), new TimeOnly(20, 0))] };
        AvailabilityCalculator.Find(closed, Zone).ShouldBeEmpty();
    }

    [Fact]
    public void A_room_out_of_service_for_a_period_is_busy_like_a_booking()
    {
        var closure = OutOfService.ForRoom(RoomOne, Local(9), Local(10), "Deep clean");

        var slots = AvailabilityCalculator.Find(Request(busy: [new BusyInterval(closure.ResourceId, closure.StartsAt, closure.EndsAt)]), Zone);

        Times(slots).ShouldBe(["10:00", "10:15", "10:30", "10:45"]);
    }
}
