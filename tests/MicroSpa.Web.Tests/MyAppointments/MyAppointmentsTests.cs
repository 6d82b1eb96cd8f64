using System.Net;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.MyAppointments;

public sealed class MyAppointmentsTests(WebAppFixture fixture) : WebTest(fixture)
{
    private async Task<(WebSession Session, Domain.Clients.Client Client, Guid AppointmentId, TestClinic Clinic)> BookedAsync(DateTimeOffset start)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], start);
        (await BookingFlows.ConfirmAsync(session, draftId)).Status.ShouldBe(HttpStatusCode.Redirect);
        await using var db = Database.CreateContext();
        var id = await db.Appointments.Where(a => a.ClientId == client.Id).Select(a => a.Id).SingleAsync();
        await App.ClearMailAsync();
        return (session, client, id, clinic);
    }

    [Fact]
    public async Task Lists_upcoming_appointments_and_cancels_one_which_frees_the_time_at_once()
    {
        var start = TestClinic.At(10);
        var (session, client, id, clinic) = await BookedAsync(start);

        var list = await session.GetAsync("/my/appointments");
        list.Document.QuerySelectorAll(".appointment").Length.ShouldBe(1);
        list.Text.ShouldContain("Microneedling — face");
        // "Cancel appointment" asks first; only the confirmation page's button cancels.
        list.Document.QuerySelector($"form[action='/my/appointments/{id}/cancel']").ShouldBeNull();
        var asked = await session.GetAsync(list.Document.QuerySelectorAll("a").Single(a => a.TextContent.StartsWith("Cancel appointment", StringComparison.Ordinal)).GetAttribute("href")!);
        await using (var before = Database.CreateContext())
        {
            (await before.Appointments.SingleAsync(a => a.Id == id)).Status.ShouldBe(AppointmentStatus.Booked);
        }

        var cancelled = await session.SubmitAsync(asked, new Dictionary<string, string>(), $"/my/appointments/{id}/cancel");

        cancelled.Location.ShouldBe($"/my/appointments/{id}");
        var after = await session.FollowAsync(cancelled);
        after.Text.ShouldContain("Your appointment is cancelled");
        (await session.GetAsync("/my/appointments")).Document.QuerySelectorAll(".appointment").ShouldBeEmpty();
        await using var db = Database.CreateContext();
        var stored = await db.Appointments.SingleAsync(a => a.Id == id);
        stored.Status.ShouldBe(AppointmentStatus.Cancelled);
        stored.CancellationReason.ShouldBe(CancellationReason.ClientRequest);
        (await App.EmailsToAsync(client.Email!)).ShouldHaveSingleItem().Subject.ShouldContain("cancelled");
        using var api = App.CreateClient();
        var times = await api.GetStringAsync($"/api/v1/availability?serviceId={clinic.Facial.Id}&from={TestClinic.Day:yyyy-MM-dd}&to={TestClinic.Day:yyyy-MM-dd}&providerId={clinic.Esthetician.Id}");
        times.ShouldContain(TimeZoneInfo.ConvertTime(start, TestClinic.Zone.Zone).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Inside_the_cutoff_the_page_says_to_call_and_cancelling_is_refused()
    {
        var (session, _, id, _) = await BookedAsync(TestClinic.At(10));
        await using (var db = Database.CreateContext())
        {
            // The appointment now starts in 10 hours: inside the 24-hour cutoff.
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE appointments SET starts_at = now() + interval '10 hours', ends_at = now() + interval '11 hours', blocked_until = now() + interval '11 hours 15 minutes'");
        }

        var list = await session.GetAsync("/my/appointments");
        list.Text.ShouldContain("can no longer be changed online");
        list.Text.ShouldContain("(555) 010-2030");
        list.Document.QuerySelector($"form[action='/my/appointments/{id}/cancel']").ShouldBeNull();
        var forced = await session.PostAsync(list, $"/my/appointments/{id}/cancel");

        (await session.FollowAsync(forced)).Text.ShouldContain("Please call the clinic");
        await using var check = Database.CreateContext();
        (await check.Appointments.SingleAsync()).Status.ShouldBe(AppointmentStatus.Booked);
    }

    [Fact]
    public async Task Rescheduling_moves_the_appointment_and_sends_an_updated_invitation()
    {
        var (session, client, id, _) = await BookedAsync(TestClinic.At(10));
        var later = TestClinic.At(15, day: TestClinic.Day.AddDays(1));

        var page = await session.GetAsync($"/my/appointments/{id}/reschedule?date={TestClinic.Day.AddDays(1):yyyy-MM-dd}");
        page.Status.ShouldBe(HttpStatusCode.OK);
        var moved = await session.SubmitAsync(page, new Dictionary<string, string> { ["start"] = Features.Shared.TimeGrid.Format(later) },
            $"/my/appointments/{id}/reschedule");

        moved.Location.ShouldBe($"/my/appointments/{id}");
        await using var db = Database.CreateContext();
        var stored = await db.Appointments.SingleAsync();
        stored.StartsAt.ShouldBe(later);
        stored.BlockedUntil.ShouldBe(later.AddMinutes(75));
        (await App.EmailsToAsync(client.Email!)).ShouldHaveSingleItem().Subject.ShouldContain("moved");
    }

    [Fact]
    public async Task Rescheduling_to_a_taken_time_is_refused_with_a_message()
    {
        var (session, _, id, clinic) = await BookedAsync(TestClinic.At(10));
        var taken = TestClinic.At(16);
        await clinic.BookAsync(Database, taken, provider: clinic.Esthetician, room: clinic.RoomOne, device: clinic.SkinPen);
        await clinic.BookAsync(Database, taken, provider: clinic.OtherEsthetician, room: clinic.RoomTwo, device: clinic.Dermapen);

        var page = await session.GetAsync($"/my/appointments/{id}/reschedule?date={TestClinic.Day:yyyy-MM-dd}");
        var result = await session.SubmitAsync(page, new Dictionary<string, string> { ["start"] = Features.Shared.TimeGrid.Format(taken) },
            $"/my/appointments/{id}/reschedule");

        var shown = await session.FollowAsync(result);
        shown.Text.ShouldContain("That time was just taken");
        await using var db = Database.CreateContext();
        (await db.Appointments.SingleAsync(a => a.Id == id)).StartsAt.ShouldBe(TestClinic.At(10));
    }

    [Fact]
    public async Task Nobody_reads_or_changes_another_clients_appointments_or_bookings()
    {
        var (owner, _, id, clinic) = await BookedAsync(TestClinic.At(10));
        var started = await BookingFlows.StartAsync(owner, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(12, day: TestClinic.Day.AddDays(40)));
        var ownersDraft = BookingFlows.DraftIdFrom(started.Location!);
        var (other, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Mallory", "Other");
        var home = await other.GetAsync("/my/appointments");

        (await other.GetAsync($"/my/appointments/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/my/appointments/{id}/reschedule")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsync(home, $"/my/appointments/{id}/cancel")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/book/{ownersDraft}/screening")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/book/{ownersDraft}/confirm")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsync(home, $"/book/{ownersDraft}/confirm")).Status.ShouldBe(HttpStatusCode.NotFound);
        home.Document.QuerySelectorAll(".appointment").ShouldBeEmpty();
        await using var db = Database.CreateContext();
        (await db.Appointments.SingleAsync()).Status.ShouldBe(AppointmentStatus.Booked);
    }
}
