using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;

namespace MicroSpa.Domain.Tests.Scheduling;

public sealed class AppointmentTests
{
    [Fact]
    public void Booking_blocks_the_service_duration_plus_its_buffer()
    {
        var start = TestData.Now.AddDays(2);

        var appointment = TestData.Booked(start);

        appointment.Status.ShouldBe(AppointmentStatus.Booked);
        appointment.EndsAt.ShouldBe(start.AddMinutes(75));
        appointment.BlockedUntil.ShouldBe(start.AddMinutes(90));
        appointment.HoldsTime.ShouldBeTrue();
    }

    [Fact]
    public void Refuses_a_provider_without_the_services_credential()
    {
        var area = TestData.Area("Scalp");
        var scalp = new Service("Scalp", "", ServiceKind.Treatment, 60, 300m, ProviderCredential.Nurse, 15, [area]);

        var error = Should.Throw<DomainException>(() => Appointment.Book(TestData.Client(), scalp, TestData.Esthetician(),
            new Room("Room 1"), TestData.SkinPen(), [area], TestData.Now.AddDays(1), BookingSource.Online, TestData.Now, TestData.By));

        error.Message.ShouldContain("not qualified");
    }

    [Fact]
    public void Refuses_a_provider_who_is_not_bookable()
    {
        var area = TestData.Area();
        Should.Throw<DomainException>(() => Appointment.Book(TestData.Client(), TestData.Facial(area), TestData.Esthetician(bookable: false),
            new Room("Room 1"), TestData.SkinPen(), [area], TestData.Now.AddDays(1), BookingSource.Online, TestData.Now, TestData.By));
    }

    [Fact]
    public void Refuses_an_area_the_service_does_not_cover()
    {
        var cheeks = TestData.Area();
        var abdomen = TestData.Area("Abdomen", 1.0m, 2.5m);

        var error = Should.Throw<DomainException>(() => Appointment.Book(TestData.Client(), TestData.Facial(cheeks), TestData.Esthetician(),
            new Room("Room 1"), TestData.SkinPen(), [abdomen], TestData.Now.AddDays(1), BookingSource.Online, TestData.Now, TestData.By));

        error.Field.ShouldBe(nameof(Appointment.BodyAreas));
    }

    [Fact]
    public void Refuses_a_treatment_without_a_device_and_a_room_out_of_service()
    {
        var area = TestData.Area();
        Should.Throw<DomainException>(() => Appointment.Book(TestData.Client(), TestData.Facial(area), TestData.Esthetician(),
            new Room("Room 1"), device: null, [area], TestData.Now.AddDays(1), BookingSource.Online, TestData.Now, TestData.By));

        var closed = new Room("Room 2");
        closed.TakeOutOfService();
        Should.Throw<DomainException>(() => Appointment.Book(TestData.Client(), TestData.Facial(area), TestData.Esthetician(),
            closed, TestData.SkinPen(), [area], TestData.Now.AddDays(1), BookingSource.Online, TestData.Now, TestData.By));
    }

    [Fact]
    public void Refuses_a_start_in_the_past()
    {
        var error = Should.Throw<DomainException>(() => TestData.Booked(TestData.Now.AddHours(-1)));
        error.Field.ShouldBe(nameof(Appointment.StartsAt));
    }

    [Fact]
    public void Follows_the_lifecycle_from_booked_to_completed()
    {
        var appointment = TestData.Booked();

        appointment.CheckIn(TestData.Now.AddDays(1), TestData.By);
        appointment.StartTreatment(TestData.OpenGate(appointment, TestData.Now.AddDays(1)), TestData.Now.AddDays(1).AddMinutes(5), TestData.By);
        appointment.Complete(TestData.Now.AddDays(1).AddMinutes(80), TestData.By);

        appointment.Status.ShouldBe(AppointmentStatus.Completed);
        appointment.StatusChangedAt.ShouldBe(TestData.Now.AddDays(1).AddMinutes(80));
    }

    [Fact]
    public void Cannot_complete_an_appointment_that_never_started()
    {
        var appointment = TestData.Booked();

        Should.Throw<DomainException>(() => appointment.Complete(TestData.Now, TestData.By));
        appointment.Status.ShouldBe(AppointmentStatus.Booked);
    }

    [Fact]
    public void Cancelling_frees_the_time_and_keeps_the_reason()
    {
        var appointment = TestData.Booked();

        appointment.Cancel(CancellationReason.Illness, "  flu  ", TimeSpan.Zero, TestData.Now, TestData.By);

        appointment.Status.ShouldBe(AppointmentStatus.Cancelled);
        appointment.HoldsTime.ShouldBeFalse();
        appointment.CancellationReason.ShouldBe(CancellationReason.Illness);
        appointment.CancellationNote.ShouldBe("flu");
        Should.Throw<DomainException>(() => appointment.CheckIn(TestData.Now, TestData.By));
    }

    [Fact]
    public void Cannot_cancel_once_treatment_has_started()
    {
        var appointment = TestData.Booked();
        appointment.CheckIn(TestData.Now, TestData.By);
        appointment.StartTreatment(TestData.OpenGate(appointment), TestData.Now, TestData.By);

        Should.Throw<DomainException>(() => appointment.Cancel(CancellationReason.ClientRequest, null, TimeSpan.Zero, TestData.Now, TestData.By));
    }

    [Fact]
    public void A_no_show_can_be_marked_only_after_the_start_time()
    {
        var start = TestData.Now.AddDays(1);
        var appointment = TestData.Booked(start);

        Should.Throw<DomainException>(() => appointment.MarkNoShow(start.AddMinutes(-1), TestData.By));
        appointment.MarkNoShow(start.AddMinutes(10), TestData.By);

        appointment.Status.ShouldBe(AppointmentStatus.NoShow);
        appointment.HoldsTime.ShouldBeFalse();
    }

    [Fact]
    public void Stores_times_as_utc_instants()
    {
        var localStart = new DateTimeOffset(2026, 4, 15, 10, 0, 0, TimeSpan.FromHours(-4));

        var appointment = TestData.Booked(localStart);

        appointment.StartsAt.Offset.ShouldBe(TimeSpan.Zero);
        appointment.StartsAt.ShouldBe(localStart);
    }

    [Fact]
    public void A_consultation_needs_no_device_and_refuses_one()
    {
        var consult = new Service("Consultation", "", ServiceKind.Consultation, 30, 0m,
            ProviderCredential.Esthetician | ProviderCredential.Nurse, 0, Array.Empty<BodyArea>());

        var booked = Appointment.Book(TestData.Client(), consult, TestData.Esthetician(), new Room("Room 1"), null, [],
            TestData.Now.AddDays(1), BookingSource.FrontDesk, TestData.Now, TestData.By);
        booked.DeviceId.ShouldBeNull();

        Should.Throw<DomainException>(() => Appointment.Book(TestData.Client(), consult, TestData.Esthetician(), new Room("Room 1"),
            TestData.SkinPen(), [], TestData.Now.AddDays(1), BookingSource.FrontDesk, TestData.Now, TestData.By));
    }
}
