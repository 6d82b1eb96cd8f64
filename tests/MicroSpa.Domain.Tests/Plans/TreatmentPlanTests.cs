using MicroSpa.Domain.Plans;

namespace MicroSpa.Domain.Tests.Plans;

public sealed class TreatmentPlanTests
{
    private static readonly DateOnly Start = new(2026, 4, 1);

    private static TreatmentPlan Plan(int sessions = 3, int interval = 28, int maintenance = 6) =>
        TreatmentPlan.Create(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Indication.AcneScars, [Guid.NewGuid()], sessions, interval, maintenance, Start, TestData.Now);

    [Fact]
    public void The_first_session_is_due_on_the_start_date()
    {
        var status = Plan().StatusOn([], Start);

        status.ShouldBe(new PlanStatus(PlanPhase.Series, 0, 3, Start, false));
    }

    [Fact]
    public void The_next_session_is_due_an_interval_after_the_last_and_overdue_after_that()
    {
        var plan = Plan();
        var sessions = new[] { Start, Start.AddDays(30) };

        plan.StatusOn(sessions, Start.AddDays(40)).ShouldBe(new PlanStatus(PlanPhase.Series, 2, 1, Start.AddDays(58), false));
        plan.StatusOn(sessions, Start.AddDays(59)).Overdue.ShouldBeTrue();
    }

    [Fact]
    public void When_the_series_is_done_maintenance_is_due_months_later()
    {
        var plan = Plan(sessions: 3, maintenance: 6);
        var sessions = new[] { Start, Start.AddDays(28), Start.AddDays(56) };

        var status = plan.StatusOn(sessions, Start.AddDays(60));

        status.Phase.ShouldBe(PlanPhase.Maintenance);
        status.Remaining.ShouldBe(0);
        status.NextDue.ShouldBe(Start.AddDays(56).AddMonths(6));
        status.Overdue.ShouldBeFalse();
    }

    [Theory]
    [InlineData(Indication.AcneScars, 4, 35)]
    [InlineData(Indication.Pigmentation, 4, 14)]
    [InlineData(Indication.StretchMarks, 6, 35)]
    [InlineData(Indication.HairLoss, 12, 7)]
    [InlineData(Indication.WrinklesAndFineLines, 4, 28)]
    public void Defaults_follow_the_published_series(Indication indication, int sessions, int interval)
    {
        var defaults = SeriesDefault.For(indication);

        defaults.Sessions.ShouldBe(sessions);
        defaults.IntervalDays.ShouldBe(interval);
    }

    [Fact]
    public void A_plan_refuses_no_area_too_many_sessions_and_intervals_out_of_range()
    {
        Should.Throw<DomainException>(() => TreatmentPlan.Create(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Indication.AcneScars, [], 3, 28, 6, Start, TestData.Now))
            .Field.ShouldBe(nameof(TreatmentPlan.AreaIds));
        Should.Throw<DomainException>(() => Plan(sessions: 25)).Field.ShouldBe(nameof(TreatmentPlan.PlannedSessions));
        Should.Throw<DomainException>(() => Plan(interval: 3)).Field.ShouldBe(nameof(TreatmentPlan.IntervalDays));
        Should.Throw<DomainException>(() => Plan(maintenance: 0)).Field.ShouldBe(nameof(TreatmentPlan.MaintenanceMonths));
    }

    [Fact]
    public void An_ended_plan_has_nothing_due_and_cannot_be_changed_until_reopened()
    {
        var plan = Plan(sessions: 4);
        var sessions = new[] { Start, Start.AddDays(28) };
        plan.StatusOn(sessions, Start.AddDays(90)).Overdue.ShouldBeTrue();

        plan.End(Start.AddDays(90), "  Client moved away  ");

        var status = plan.StatusOn(sessions, Start.AddDays(200));
        status.ShouldBe(new PlanStatus(PlanPhase.Ended, 2, 0, Start.AddDays(90), false));
        status.IsOpen.ShouldBeFalse();
        plan.EndReason.ShouldBe("Client moved away");
        Should.Throw<DomainException>(() => plan.Change([Guid.NewGuid()], 5, 28, 6));
        Should.Throw<DomainException>(() => plan.End(Start.AddDays(91), "again"));

        plan.Reopen();
        plan.StatusOn(sessions, Start.AddDays(90)).ShouldBe(new PlanStatus(PlanPhase.Series, 2, 2, Start.AddDays(56), true));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Ending_a_plan_needs_a_reason(string? reason)
    {
        Should.Throw<DomainException>(() => Plan().End(Start, reason)).Field.ShouldBe(nameof(TreatmentPlan.EndReason));
        Should.Throw<DomainException>(() => Plan().End(Start, new string('x', TreatmentPlan.EndReasonLength + 1))).Field.ShouldBe(nameof(TreatmentPlan.EndReason));
    }
}
