using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Domain.Tests.Scheduling;

public sealed class ProviderTests
{
    [Fact]
    public void Refuses_overlapping_working_hours_on_the_same_day()
    {
        var provider = TestData.Esthetician();

        Should.Throw<DomainException>(() => provider.SetWorkingHours([
            new WorkingHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(13, 0)),
            new WorkingHours(DayOfWeek.Monday, new TimeOnly(12, 0), new TimeOnly(17, 0)),
        ]));
        provider.WorkingHours.ShouldBeEmpty();
    }

    [Fact]
    public void Keeps_split_shifts_in_order()
    {
        var provider = TestData.Esthetician();

        provider.SetWorkingHours([
            new WorkingHours(DayOfWeek.Tuesday, new TimeOnly(14, 0), new TimeOnly(18, 0)),
            new WorkingHours(DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(13, 0)),
        ]);

        provider.WorkingHours.Select(h => h.Start).ShouldBe([new TimeOnly(9, 0), new TimeOnly(14, 0)]);
    }

    [Fact]
    public void Working_hours_must_end_after_they_start()
    {
        Should.Throw<DomainException>(() => new WorkingHours(DayOfWeek.Friday, new TimeOnly(17, 0), new TimeOnly(9, 0)));
    }

    [Fact]
    public void A_provider_has_exactly_one_credential()
    {
        Should.Throw<DomainException>(() => new Provider("Both", ProviderCredential.Esthetician | ProviderCredential.Nurse, true));
        Should.Throw<DomainException>(() => new Provider("  ", ProviderCredential.Nurse, true));
    }
}
