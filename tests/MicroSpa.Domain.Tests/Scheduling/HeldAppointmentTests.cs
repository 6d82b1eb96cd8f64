using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Domain.Tests.Scheduling;

/// <summary>An online booking held for its deposit: the time is taken, the visit is booked only once paid, and a hold ends once.</summary>
public sealed class HeldAppointmentTests
{
    private static readonly ClinicTimeZone Zone = new("America/New_York");

    private static Appointment Held(DateTimeOffset? until = null)
    {
        var area = TestData.Area();
        return Appointment.HoldForPayment(TestData.Client(), TestData.Facial(area), TestData.Esthetician(), new Room("Room 1"), TestData.SkinPen(), [area],
            TestData.Now.AddDays(2), until ?? TestData.Now.AddMinutes(35), TestData.Now, Zone, TestData.By);
    }

    [Fact]
    public void A_held_booking_takes_its_time_but_is_not_booked_and_says_until_when_in_clinic_time()
    {
        var appointment = Held();

        appointment.Status.ShouldBe(AppointmentStatus.Held);
        appointment.HoldsTime.ShouldBeTrue();
        appointment.HeldUntil.ShouldBe(TestData.Now.AddMinutes(35));
        appointment.Source.ShouldBe(BookingSource.Online);
        appointment.History.ShouldHaveSingleItem().What.ShouldBe($"Held online until {Zone.ToLocal(TestData.Now.AddMinutes(35)):HH:mm}, waiting for the payment");
    }

    [Fact]
    public void A_held_booking_cannot_be_checked_in_moved_or_cancelled_online_before_it_is_paid()
    {
        var appointment = Held();

        Should.Throw<DomainException>(() => appointment.CheckIn(TestData.Now.AddDays(2), TestData.By)).Message.ShouldBe("An appointment that is held for its payment cannot check in.");
        appointment.CanBeChangedOnline(TestData.Now, TimeSpan.FromHours(24)).ShouldBeFalse();
        Should.Throw<DomainException>(() => appointment.CancelByClient(TestData.Now, TimeSpan.FromHours(24), TestData.By));
    }

    [Fact]
    public void Paying_books_it_once_however_often_the_news_arrives()
    {
        var appointment = Held();

        appointment.ConfirmPayment("deposit of $50.00 paid", TestData.Now.AddMinutes(3), TestData.By).ShouldBeTrue();
        appointment.ConfirmPayment("deposit of $50.00 paid", TestData.Now.AddMinutes(4), TestData.By).ShouldBeFalse();

        appointment.Status.ShouldBe(AppointmentStatus.Booked);
        appointment.History.Select(h => h.What).Last().ShouldBe("Booked online: deposit of $50.00 paid");
        appointment.History.Count.ShouldBe(2);
        Should.Throw<DomainException>(() => appointment.ReleaseHold("the hold lapsed", TestData.Now.AddMinutes(40), TestData.By));
    }

    [Fact]
    public void A_released_hold_frees_the_time_once_and_cannot_be_paid_afterwards()
    {
        var appointment = Held();

        appointment.ReleaseHold("the deposit was not paid in time", TestData.Now.AddMinutes(36), TestData.By).ShouldBeTrue();
        appointment.ReleaseHold("the deposit was not paid in time", TestData.Now.AddMinutes(37), TestData.By).ShouldBeFalse();

        appointment.Status.ShouldBe(AppointmentStatus.Cancelled);
        appointment.CancellationReason.ShouldBe(CancellationReason.HoldReleased);
        appointment.HoldsTime.ShouldBeFalse();
        Should.Throw<DomainException>(() => appointment.ConfirmPayment("deposit paid", TestData.Now.AddMinutes(38), TestData.By));
        appointment.History.Count.ShouldBe(2);
    }

    [Fact]
    public void A_booking_made_without_a_hold_is_not_confirmed_by_a_payment()
    {
        var appointment = TestData.Booked();

        Should.Throw<DomainException>(() => appointment.ConfirmPayment("deposit paid", TestData.Now, TestData.By));
        Should.Throw<DomainException>(() => Held(until: TestData.Now));
    }
}
