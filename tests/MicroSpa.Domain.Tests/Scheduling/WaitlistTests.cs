using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Domain.Tests.Scheduling;

public sealed class WaitlistTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(TestData.Now.UtcDateTime);
    private static readonly Guid Provider = Guid.NewGuid();

    private static (WaitlistEntry Entry, Service Service) Waiting(
        WeekDays days = WeekDays.Tuesday | WeekDays.Thursday, int from = 9, int to = 12, DateOnly? until = null, Guid? provider = null)
    {
        var area = TestData.Area();
        var service = TestData.Facial(area);
        return (WaitlistEntry.Join(Guid.NewGuid(), service, [area.Id], provider, days, new TimeOnly(from, 0), new TimeOnly(to, 0), until, Today, TestData.Now),
            service);
    }

    // 2026-04-14 is a Tuesday.
    [Theory]
    [InlineData("2026-04-21 09:00", true)]
    [InlineData("2026-04-21 12:00", true)]
    [InlineData("2026-04-23 10:30", true)]
    [InlineData("2026-04-21 08:45", false)]
    [InlineData("2026-04-21 12:15", false)]
    [InlineData("2026-04-22 10:00", false)]
    [InlineData("2026-04-26 10:00", false)]
    public void A_freed_time_suits_only_on_the_chosen_days_inside_the_start_window(string localStart, bool suits)
    {
        var (entry, service) = Waiting();

        entry.Suits(service.Id, Provider, DateTime.Parse(localStart, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(suits);
    }

    [Fact]
    public void A_freed_time_suits_only_the_same_service_the_chosen_provider_and_up_to_the_last_day()
    {
        var (anyone, service) = Waiting(until: new DateOnly(2026, 4, 21));
        var tuesday = new DateTime(2026, 4, 21, 10, 0, 0);

        anyone.Suits(Guid.NewGuid(), Provider, tuesday).ShouldBeFalse();
        anyone.Suits(service.Id, Provider, tuesday).ShouldBeTrue();
        anyone.Suits(service.Id, Provider, tuesday.AddDays(7)).ShouldBeFalse();

        var (onlyMaya, mayaService) = Waiting(provider: Provider);
        onlyMaya.Suits(mayaService.Id, Guid.NewGuid(), tuesday).ShouldBeFalse();
        onlyMaya.Suits(mayaService.Id, Provider, tuesday).ShouldBeTrue();
    }

    [Fact]
    public void Joining_refuses_no_day_a_backwards_window_a_past_last_day_and_a_treatment_without_areas()
    {
        var area = TestData.Area();
        var service = TestData.Facial(area);
        WaitlistEntry Join(WeekDays days, int from, int to, DateOnly? until, Guid[] areas) =>
            WaitlistEntry.Join(Guid.NewGuid(), service, areas, null, days, new TimeOnly(from, 0), new TimeOnly(to, 0), until, Today, TestData.Now);

        Should.Throw<DomainException>(() => Join(WeekDays.None, 9, 12, null, [area.Id])).Field.ShouldBe(nameof(WaitlistEntry.Days));
        Should.Throw<DomainException>(() => Join((WeekDays)128, 9, 12, null, [area.Id])).Field.ShouldBe(nameof(WaitlistEntry.Days));
        Should.Throw<DomainException>(() => Join(WeekDays.Monday, 12, 9, null, [area.Id])).Field.ShouldBe(nameof(WaitlistEntry.LatestStart));
        Should.Throw<DomainException>(() => Join(WeekDays.Monday, 9, 12, Today.AddDays(-1), [area.Id])).Field.ShouldBe(nameof(WaitlistEntry.Until));
        Should.Throw<DomainException>(() => Join(WeekDays.Monday, 9, 12, null, [])).Field.ShouldBe(nameof(WaitlistEntry.AreaIds));
        Should.Throw<DomainException>(() => Join(WeekDays.Monday, 9, 12, null, [Guid.NewGuid()])).Field.ShouldBe(nameof(WaitlistEntry.AreaIds));
    }

    [Fact]
    public void Only_a_cancelled_future_time_of_the_same_service_can_be_offered_and_accepted_once()
    {
        var booked = TestData.Booked(TestData.Now.AddDays(7));
        var area = booked.BodyAreas.First();
        var entry = WaitlistEntry.Join(Guid.NewGuid(), booked.Service!, [area.Id], null, WeekDays.All, new TimeOnly(0, 0), new TimeOnly(23, 59),
            null, Today, TestData.Now);

        Should.Throw<DomainException>(() => WaitlistOffer.Make(entry, booked, "hash", null, TestData.Now));
        booked.Cancel(CancellationReason.Clinic, null, TimeSpan.Zero, TestData.Now, TestData.By);
        Should.Throw<DomainException>(() => WaitlistOffer.Make(entry, booked, "hash", null, booked.StartsAt.AddMinutes(1)));

        var offer = WaitlistOffer.Make(entry, booked, "hash", null, TestData.Now);
        offer.IsOpen(TestData.Now).ShouldBeTrue();
        offer.Accept(Guid.NewGuid(), TestData.Now);
        offer.Status.ShouldBe(WaitlistOfferStatus.Accepted);
        Should.Throw<DomainException>(() => offer.Accept(Guid.NewGuid(), TestData.Now));
        offer.MarkGone(TestData.Now);
        offer.Status.ShouldBe(WaitlistOfferStatus.Accepted);
    }

    [Fact]
    public void A_withdrawn_entry_is_not_offered_times_and_cannot_be_booked()
    {
        var (entry, service) = Waiting();
        entry.Withdraw(TestData.Now);

        entry.Suits(service.Id, Provider, new DateTime(2026, 4, 21, 10, 0, 0)).ShouldBeFalse();
        Should.Throw<DomainException>(() => entry.MarkBooked(Guid.NewGuid(), TestData.Now));
    }
}
