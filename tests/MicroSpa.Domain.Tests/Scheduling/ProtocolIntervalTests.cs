using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;

namespace MicroSpa.Domain.Tests.Scheduling;

public sealed class ProtocolIntervalTests
{
    [Fact]
    public void A_session_on_the_same_area_within_four_weeks_is_refused_with_the_earliest_date()
    {
        var cheeks = TestData.Area();
        var last = TestData.Now;

        var conflict = ProtocolInterval.Check(last.AddDays(20), [cheeks], [new AreaSession(last, [cheeks.Id])]);

        conflict.ShouldNotBeNull();
        conflict.Area.ShouldBe(cheeks);
        conflict.EarliestAllowed.ShouldBe(last.AddDays(28));
        ProtocolInterval.Check(last.AddDays(28), [cheeks], [new AreaSession(last, [cheeks.Id])]).ShouldBeNull();
    }

    [Fact]
    public void Other_areas_do_not_count()
    {
        var cheeks = TestData.Area();
        var abdomen = TestData.Area("Abdomen", 1.0m, 2.5m);

        ProtocolInterval.Check(TestData.Now.AddDays(3), [abdomen], [new AreaSession(TestData.Now, [cheeks.Id])]).ShouldBeNull();
    }

    [Fact]
    public void The_scalp_allows_weekly_sessions()
    {
        var scalp = new BodyArea("Scalp", BodyRegion.Scalp);
        scalp.SetMinimumInterval(7);

        ProtocolInterval.Check(TestData.Now.AddDays(7), [scalp], [new AreaSession(TestData.Now, [scalp.Id])]).ShouldBeNull();
        ProtocolInterval.Check(TestData.Now.AddDays(6), [scalp], [new AreaSession(TestData.Now, [scalp.Id])]).ShouldNotBeNull();
    }
}
