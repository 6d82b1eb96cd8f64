using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Domain.Tests.Scheduling;

/// <summary>
/// What a client may still do online (issue 22): change a booking only before the clinic's cutoff, said before confirming
/// a time already inside it; and take back their own cancellation within ten minutes while the visit is still ahead.
/// </summary>
public sealed class OnlineChangeRulesTests
{
    private static readonly TimeSpan Cutoff = TimeSpan.FromHours(24);

    [Fact]
    public void A_time_is_changeable_online_only_when_booked_at_least_the_cutoff_before_it_starts()
    {
        var now = TestData.Now;

        Appointment.ChangeableOnline(now.AddHours(24), now, Cutoff).ShouldBeTrue("exactly at the cutoff");
        Appointment.ChangeableOnline(now.AddHours(24).AddMinutes(-1), now, Cutoff).ShouldBeFalse("a minute inside it");
        Appointment.ChangeableOnline(now.AddHours(3), now, Cutoff).ShouldBeFalse("the first open time today");
        Appointment.ChangeableOnline(now.AddDays(3), now.ToOffset(TimeSpan.FromHours(-5)), Cutoff).ShouldBeTrue("offsets do not matter");
    }

    [Fact]
    public void The_client_may_undo_their_own_cancellation_for_ten_minutes_and_is_booked_again_with_a_history_line()
    {
        var start = TestData.Now.AddDays(3);
        var appointment = TestData.Booked(start);
        var cancelledAt = TestData.Now;
        appointment.CancelByClient(cancelledAt, Cutoff, TestData.By);

        appointment.CancellationUndoableUntil(cancelledAt.AddMinutes(9)).ShouldBe(cancelledAt + Appointment.UndoCancellationWindow);
        appointment.CancellationUndoableUntil(cancelledAt.AddMinutes(10)).ShouldBeNull("the window has closed");

        appointment.UndoCancellationByClient(new Room("Room 2"), TestData.SkinPen(), cancelledAt.AddMinutes(5), TestData.By);

        appointment.Status.ShouldBe(AppointmentStatus.Booked);
        appointment.StartsAt.ShouldBe(start);
        appointment.CancellationReason.ShouldBeNull();
        appointment.CancellationUndoableUntil(cancelledAt.AddMinutes(6)).ShouldBeNull("nothing to undo once booked again");
        appointment.History.Last().What.ShouldBe("Cancellation undone online: booked again at the same time");
    }

    [Fact]
    public void An_undo_after_the_window_or_of_a_booking_still_booked_is_refused_and_changes_nothing()
    {
        var appointment = TestData.Booked(TestData.Now.AddDays(3));
        Should.Throw<DomainException>(() => appointment.UndoCancellationByClient(new Room("Room 1"), TestData.SkinPen(), TestData.Now, TestData.By))
            .Message.ShouldBe("This appointment is not cancelled.");

        appointment.CancelByClient(TestData.Now, Cutoff, TestData.By);
        var late = Should.Throw<DomainException>(() => appointment.UndoCancellationByClient(new Room("Room 1"), TestData.SkinPen(), TestData.Now.AddMinutes(11), TestData.By));

        late.Message.ShouldContain("within 10 minutes");
        appointment.Status.ShouldBe(AppointmentStatus.Cancelled);
    }

    [Fact]
    public void A_cancellation_the_clinic_made_is_not_the_clients_to_undo()
    {
        var appointment = TestData.Booked(TestData.Now.AddDays(3));
        appointment.Cancel(CancellationReason.Clinic, "Provider ill", Cutoff, TestData.Now, TestData.By);

        appointment.CancellationUndoableUntil(TestData.Now.AddMinutes(1)).ShouldBeNull();
    }
}
