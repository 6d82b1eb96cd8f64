using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Domain.Tests.Scheduling;

/// <summary>The appointment writes its own history line for every change, and holds the late-cancellation rule.</summary>
public sealed class AppointmentHistoryTests
{
    private static readonly TimeSpan Cutoff = TimeSpan.FromHours(24);
    private static readonly ClinicTimeZone Zone = new("America/New_York");

    [Fact]
    public void A_booking_writes_how_it_was_booked_and_by_whom()
    {
        var appointment = TestData.Booked();

        var line = appointment.History.ShouldHaveSingleItem();
        line.What.ShouldBe("Booked online");
        line.ByUserId.ShouldBe(TestData.By.UserId);
        line.ByName.ShouldBe(TestData.By.Name);
        line.AppointmentId.ShouldBe(appointment.Id);
        line.At.ShouldBe(TestData.Now);
    }

    [Fact]
    public void A_front_desk_booking_inside_the_protocol_interval_says_a_provider_approved_it()
    {
        var area = TestData.Area();
        var appointment = Appointment.Book(TestData.Client(), TestData.Facial(area), TestData.Esthetician(), new Room("Room 1"), TestData.SkinPen(), [area],
            TestData.Now.AddDays(1), BookingSource.FrontDesk, TestData.Now, TestData.By, insideProtocolInterval: true);

        appointment.History.ShouldHaveSingleItem().What.ShouldBe("Booked by the front desk inside the protocol interval (provider approved)");
    }

    [Fact]
    public void Only_the_front_desk_books_inside_the_protocol_interval()
    {
        var area = TestData.Area();

        Should.Throw<DomainException>(() => Appointment.Book(TestData.Client(), TestData.Facial(area), TestData.Esthetician(), new Room("Room 1"),
            TestData.SkinPen(), [area], TestData.Now.AddDays(1), BookingSource.Online, TestData.Now, TestData.By, insideProtocolInterval: true));
    }

    [Fact]
    public void Check_in_start_and_complete_each_write_their_line_in_order()
    {
        var appointment = TestData.Booked();
        var day = TestData.Now.AddDays(1);

        appointment.CheckIn(day, TestData.By);
        appointment.StartTreatment(TestData.OpenGate(appointment, day), day.AddMinutes(5), TestData.By);
        appointment.Complete(day.AddMinutes(80), TestData.By);

        appointment.History.Select(e => e.What).ShouldBe([
            "Booked online", "Checked in", "Screening answered at check-in", "Consent v1 signed at check-in", "Treatment started", "Completed",
        ]);
        appointment.History.Last().At.ShouldBe(day.AddMinutes(80));
    }

    [Fact]
    public void A_refused_change_writes_nothing()
    {
        var appointment = TestData.Booked();

        Should.Throw<DomainException>(() => appointment.Complete(TestData.Now, TestData.By));

        appointment.History.Count.ShouldBe(1);
    }

    [Fact]
    public void A_clients_request_inside_the_cutoff_is_a_late_cancellation()
    {
        var appointment = TestData.Booked(TestData.Now.AddHours(20));

        appointment.Cancel(CancellationReason.ClientRequest, "  running late  ", Cutoff, TestData.Now, TestData.By);

        appointment.CancellationReason.ShouldBe(CancellationReason.LateCancel);
        appointment.History.Last().What.ShouldBe("Cancelled (late cancel, inside the cutoff): running late");
    }

    [Fact]
    public void A_clients_request_before_the_cutoff_stays_a_client_request()
    {
        var appointment = TestData.Booked(TestData.Now.AddHours(25));

        appointment.Cancel(CancellationReason.ClientRequest, null, Cutoff, TestData.Now, TestData.By);

        appointment.CancellationReason.ShouldBe(CancellationReason.ClientRequest);
        appointment.History.Last().What.ShouldBe("Cancelled (client request)");
    }

    [Fact]
    public void The_clinics_own_reasons_are_kept_inside_the_cutoff()
    {
        var appointment = TestData.Booked(TestData.Now.AddHours(2));

        appointment.Cancel(CancellationReason.Illness, null, Cutoff, TestData.Now, TestData.By);

        appointment.CancellationReason.ShouldBe(CancellationReason.Illness);
        appointment.History.Last().What.ShouldBe("Cancelled (illness)");
    }

    [Fact]
    public void A_move_at_the_desk_names_the_clinics_times_the_provider_and_the_room()
    {
        var appointment = TestData.Booked(new DateTimeOffset(2026, 4, 20, 14, 0, 0, TimeSpan.Zero));
        var provider = new Provider("Sofia Chen", ProviderCredential.Esthetician, bookable: true);

        appointment.Reschedule(provider, new Room("Room 2"), TestData.SkinPen(), new DateTimeOffset(2026, 4, 21, 19, 30, 0, TimeSpan.Zero), TestData.Now,
            Zone, TestData.By);

        appointment.History.Last().What.ShouldBe("Moved from 2026-04-20 10:00 to 2026-04-21 15:30 with Sofia Chen in Room 2");
    }

    [Fact]
    public void A_client_cannot_move_an_appointment_online_inside_the_cutoff()
    {
        var appointment = TestData.Booked(TestData.Now.AddHours(10));
        var start = appointment.StartsAt;

        Should.Throw<DomainException>(() => appointment.RescheduleByClient(TestData.Esthetician(), new Room("Room 2"), TestData.SkinPen(),
            TestData.Now.AddDays(3), TestData.Now, Cutoff, Zone, TestData.By)).Message.ShouldContain("Please call the clinic");

        appointment.StartsAt.ShouldBe(start);
        appointment.History.Count.ShouldBe(1);
    }

    [Fact]
    public void A_client_moving_online_writes_the_move()
    {
        var appointment = TestData.Booked(new DateTimeOffset(2026, 4, 20, 14, 0, 0, TimeSpan.Zero));

        appointment.RescheduleByClient(TestData.Esthetician(), new Room("Room 1"), TestData.SkinPen(), new DateTimeOffset(2026, 4, 22, 14, 0, 0, TimeSpan.Zero),
            TestData.Now, Cutoff, Zone, TestData.By);

        appointment.History.Last().What.ShouldBe("Moved online from 2026-04-20 10:00 to 2026-04-22 10:00");
    }
}
