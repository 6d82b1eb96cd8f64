using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Memberships;
using MicroSpa.Domain.Wallet;

namespace MicroSpa.Domain.Tests.Memberships;

public sealed class MembershipTests
{
    private static readonly Guid Service = Guid.NewGuid();
    private static readonly Guid Client = Guid.NewGuid();
    private static readonly Guid Staff = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2027, 1, 31, 15, 0, 0, TimeSpan.Zero);

    private static MembershipPlan Plan(int sessions = 1, bool rollover = false, int pauses = 2, int notice = 30) =>
        MembershipPlan.Define(
            new MembershipTerms("Glow club", new Money(149m, "USD"), [Service], sessions, 10m, 15m, rollover, pauses, notice, MembershipCollection.Desk),
            Staff, Now);

    [Fact]
    public void Months_start_on_the_day_joined_counted_from_the_first_so_a_31st_comes_back_after_february()
    {
        var member = Membership.Join(Client, Plan(), new DateOnly(2027, 1, 31), Staff, Now);

        member.PeriodStart(1).ShouldBe(new DateOnly(2027, 2, 28));
        member.PeriodStart(2).ShouldBe(new DateOnly(2027, 3, 31));
        member.PeriodNumberOn(new DateOnly(2027, 2, 27)).ShouldBe(0);
        member.PeriodNumberOn(new DateOnly(2027, 2, 28)).ShouldBe(1);
        member.PeriodNumberOn(new DateOnly(2027, 3, 30)).ShouldBe(1);
        member.PeriodNumberOn(new DateOnly(2027, 3, 31)).ShouldBe(2);
        member.PeriodNumberOn(new DateOnly(2027, 1, 30)).ShouldBe(-1);
        var month = member.OpenPeriod(1, Now);
        (month.StartsOn, month.EndsOn, month.Amount, month.State).ShouldBe((new DateOnly(2027, 2, 28), new DateOnly(2027, 3, 31), 149m, PeriodState.Due));
    }

    [Fact]
    public void A_months_sessions_last_to_its_last_day_or_twelve_months_when_the_plan_rolls_them_over()
    {
        var member = Membership.Join(Client, Plan(), new DateOnly(2027, 1, 15), Staff, Now);
        var month = member.OpenPeriod(0, Now);

        Plan(sessions: 2).MonthCredits(month)!.ExpiresOn(new DateOnly(2027, 1, 20)).ShouldBe(new DateOnly(2027, 2, 14));
        Plan(rollover: true).MonthCredits(month)!.ExpiresOn(new DateOnly(2027, 1, 20)).ShouldBe(new DateOnly(2028, 1, 14));
        Plan(sessions: 2).MonthCredits(month)!.Sessions.ShouldBe(2);
    }

    [Fact]
    public void A_membership_months_sessions_are_never_refunded_as_money()
    {
        var member = Membership.Join(Client, Plan(), new DateOnly(2027, 1, 15), Staff, Now);
        var month = member.OpenPeriod(0, Now);
        var lot = new CreditLot(Guid.NewGuid(), Guid.NewGuid(), Client, Plan().MonthCredits(month)!, 149m, []);
        lot.Issue(new DateOnly(2027, 1, 15), Staff, Now);

        lot.Left.ShouldBe(1);
        Should.Throw<DomainException>(() => lot.RequireRefundable(new DateOnly(2027, 1, 16), lot.RefundDue)).Message.ShouldContain("not refunded");
    }

    [Fact]
    public void A_month_is_paid_once_and_a_month_no_longer_owed_is_never_charged()
    {
        var member = Membership.Join(Client, Plan(), new DateOnly(2027, 1, 15), Staff, Now);
        var month = member.OpenPeriod(0, Now);
        var line = Guid.NewGuid();
        month.MarkPaid(line, Now);
        Should.NotThrow(() => month.MarkPaid(line, Now));
        Should.Throw<DomainException>(() => month.MarkPaid(Guid.NewGuid(), Now)).Message.ShouldContain("paid already");
        month.Forfeit(Now).ShouldBeFalse("a paid month is not forfeited");

        var next = member.OpenPeriod(1, Now);
        next.Forfeit(Now).ShouldBeTrue();
        Should.Throw<DomainException>(() => next.MarkPaid(Guid.NewGuid(), Now)).Message.ShouldContain("no longer owed");
    }

    [Fact]
    public void A_failed_charge_pauses_the_member_discount_until_the_month_is_paid()
    {
        var member = Membership.Join(Client, Plan(), new DateOnly(2027, 1, 15), Staff, Now);
        var month = member.OpenPeriod(0, Now);
        var day = new DateOnly(2027, 1, 20);

        member.InGoodStandingOn(day, month).ShouldBeTrue("owed, not failed: the desk takes it now");
        month.ChargeFailed(1, Now.AddDays(3)).ShouldBeTrue();
        month.ChargeFailed(1, Now.AddDays(3)).ShouldBeFalse("the same attempt told twice");
        member.InGoodStandingOn(day, month).ShouldBeFalse();
        month.MarkPaid(Guid.NewGuid(), Now);
        member.InGoodStandingOn(day, month).ShouldBeTrue();
        member.InGoodStandingOn(new DateOnly(2027, 2, 15), month).ShouldBeFalse("the paid month is over");
    }

    [Fact]
    public void A_pause_starts_next_month_and_stays_within_the_plans_months_in_twelve()
    {
        var member = Membership.Join(Client, Plan(pauses: 2), new DateOnly(2027, 1, 15), Staff, Now);
        var today = new DateOnly(2027, 1, 20);

        Should.Throw<DomainException>(() => member.Pause(3, 2, today, Staff, Now)).Field.ShouldBe("Months");
        member.Pause(1, 2, today, Staff, Now);
        member.PausedOn(today).ShouldBeFalse("the month under way stays as paid");
        member.PausedOn(new DateOnly(2027, 2, 20)).ShouldBeTrue();
        member.StatusOn(new DateOnly(2027, 2, 20)).ShouldBe(MembershipStatus.Paused);
        Should.Throw<DomainException>(() => member.OpenPeriod(1, Now)).Message.ShouldBe("That month is paused.");
        Should.Throw<DomainException>(() => member.Pause(1, 2, today, Staff, Now)).Message.ShouldContain("resume it first");

        member.PausedOn(new DateOnly(2027, 3, 20)).ShouldBeFalse();
        member.Pause(1, 2, new DateOnly(2027, 3, 20), Staff, Now);
        Should.Throw<DomainException>(() => member.Pause(1, 2, new DateOnly(2027, 5, 20), Staff, Now))
            .Message.ShouldBe("The plan allows 2 months paused in twelve; 2 are used already.");
        Should.NotThrow(() => member.Pause(1, 2, new DateOnly(2028, 2, 20), Staff, Now));
    }

    [Fact]
    public void Resuming_opens_next_month_again_and_a_pause_to_come_is_called_off()
    {
        var member = Membership.Join(Client, Plan(pauses: 3), new DateOnly(2027, 1, 15), Staff, Now);
        member.Pause(3, 3, new DateOnly(2027, 1, 20), Staff, Now);
        member.Resume(new DateOnly(2027, 2, 20));
        member.PausedOn(new DateOnly(2027, 2, 20)).ShouldBeTrue("the month under way stays paused");
        member.PausedOn(new DateOnly(2027, 3, 20)).ShouldBeFalse();
        Should.NotThrow(() => member.OpenPeriod(2, Now));

        var other = Membership.Join(Client, Plan(pauses: 3), new DateOnly(2027, 1, 15), Staff, Now);
        other.Pause(2, 3, new DateOnly(2027, 1, 20), Staff, Now);
        other.Resume(new DateOnly(2027, 1, 21)).Months.ShouldBe(0);
        other.PausedOn(new DateOnly(2027, 2, 20)).ShouldBeFalse();
        Should.Throw<DomainException>(() => other.Resume(new DateOnly(2027, 1, 22))).Message.ShouldBe("The membership is not paused.");
    }

    [Fact]
    public void Cancelling_runs_to_the_end_of_the_month_in_which_the_notice_ends()
    {
        var member = Membership.Join(Client, Plan(notice: 30), new DateOnly(2027, 1, 15), Staff, Now);

        member.Cancel(30, "Moving away", new DateOnly(2027, 1, 20)).ShouldBe(new DateOnly(2027, 3, 15));
        member.StatusOn(new DateOnly(2027, 3, 14)).ShouldBe(MembershipStatus.Cancelling);
        member.StatusOn(new DateOnly(2027, 3, 15)).ShouldBe(MembershipStatus.Ended);
        Should.NotThrow(() => member.OpenPeriod(1, Now));
        Should.Throw<DomainException>(() => member.OpenPeriod(2, Now)).Message.ShouldBe("The membership does not run in that month.");
        Should.Throw<DomainException>(() => member.Cancel(30, null, new DateOnly(2027, 1, 21))).Message.ShouldContain("already");

        var noNotice = Membership.Join(Client, Plan(notice: 0), new DateOnly(2027, 1, 15), Staff, Now);
        noNotice.Cancel(0, null, new DateOnly(2027, 1, 20)).ShouldBe(new DateOnly(2027, 2, 15), "the month paid runs out");
        var onTheDay = Membership.Join(Client, Plan(notice: 0), new DateOnly(2027, 1, 15), Staff, Now);
        onTheDay.Cancel(0, null, new DateOnly(2027, 2, 15)).ShouldBe(new DateOnly(2027, 2, 15), "cancelled on a month's first day: that month is not owed");
    }

    [Fact]
    public void A_plan_gives_something_and_refuses_terms_out_of_range()
    {
        Should.Throw<DomainException>(() => MembershipPlan.Define(
            new MembershipTerms("Nothing", new Money(10m, "USD"), [], 0, 0m, 0m, false, 0, 0, MembershipCollection.Desk), Staff, Now)).Field.ShouldBe("SessionsPerMonth");
        Should.Throw<DomainException>(() => MembershipPlan.Define(
            new MembershipTerms("No services", new Money(10m, "USD"), [], 1, 0m, 0m, false, 0, 0, MembershipCollection.Desk), Staff, Now)).Field.ShouldBe("ServiceIds");
        Should.Throw<DomainException>(() => MembershipPlan.Define(
            new MembershipTerms("Too much", new Money(10m, "USD"), [Service], 1, 100.5m, 0m, false, 0, 0, MembershipCollection.Desk), Staff, Now)).Field.ShouldBe("ServiceDiscountPercent");
        Should.Throw<DomainException>(() => MembershipPlan.Define(
            new MembershipTerms("Free", new Money(0m, "USD"), [Service], 1, 0m, 0m, false, 0, 0, MembershipCollection.Desk), Staff, Now)).Field.ShouldBe("MonthlyPrice");
        var discountOnly = MembershipPlan.Define(new MembershipTerms("Discount", new Money(20m, "USD"), [Service], 0, 10m, 0m, false, 0, 0, MembershipCollection.Stripe), Staff, Now);
        discountOnly.ServiceIds.ShouldBeEmpty();
        discountOnly.MonthCredits(Membership.Join(Client, discountOnly, new DateOnly(2027, 1, 1), Staff, Now).OpenPeriod(0, Now)).ShouldBeNull();
        var retired = Plan();
        retired.Retire(Now);
        Should.Throw<DomainException>(() => Membership.Join(Client, retired, new DateOnly(2027, 1, 1), Staff, Now)).Field.ShouldBe("PlanId");
    }
}
