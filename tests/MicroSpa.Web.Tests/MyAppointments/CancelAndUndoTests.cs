using System.Net;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.MyAppointments;

/// <summary>Cancelling asks first with the policy, and can be undone for ten minutes while the time is free (issue 22).</summary>
public sealed class CancelAndUndoTests(WebAppFixture fixture) : WebTest(fixture)
{
    /// <summary>The app's clock (TimeProvider), which a test moves on.</summary>
    private sealed class MovableClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
    }

    private async Task<(WebSession Session, Domain.Clients.Client Client, Guid AppointmentId, TestClinic Clinic)> BookedAsync(
        DateTimeOffset start, Func<WebSession>? newSession = null)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, newSession ?? NewSession);
        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], start, clinic.Esthetician.Id);
        (await BookingFlows.ConfirmAsync(session, draftId)).Status.ShouldBe(HttpStatusCode.Redirect);
        await using var db = Database.CreateContext();
        var id = await db.Appointments.Where(a => a.ClientId == client.Id).Select(a => a.Id).SingleAsync();
        await App.ClearMailAsync();
        return (session, client, id, clinic);
    }

    private static async Task<Page> CancelAsync(WebSession session, Guid id)
    {
        var asked = await session.GetAsync($"/my/appointments/{id}/cancel");
        asked.Status.ShouldBe(HttpStatusCode.OK);
        return await session.SubmitAsync(asked, new Dictionary<string, string>(), $"/my/appointments/{id}/cancel");
    }

    [Fact]
    public async Task The_confirmation_page_states_the_policy_and_cancels_nothing_until_its_button()
    {
        var (session, _, id, _) = await BookedAsync(TestClinic.At(10));

        var asked = await session.GetAsync($"/my/appointments/{id}/cancel");

        asked.Document.QuerySelector("h1")!.TextContent.ShouldBe("Cancel this appointment?");
        var policy = asked.Document.QuerySelector("#cancel-policy")!.TextContent;
        policy.ShouldContain("free of charge until 24 hours before your visit");
        policy.ShouldContain("undo the cancellation for 10 minutes");
        asked.Document.QuerySelector($"form[action='/my/appointments/{id}/cancel'] button")!.TextContent.ShouldBe("Yes, cancel my appointment");
        await using var db = Database.CreateContext();
        (await db.Appointments.SingleAsync()).Status.ShouldBe(AppointmentStatus.Booked);
    }

    [Fact]
    public async Task Undo_within_ten_minutes_books_the_same_time_again_with_history_and_an_email()
    {
        var (session, client, id, clinic) = await BookedAsync(TestClinic.At(10));
        var cancelled = await session.FollowAsync(await CancelAsync(session, id));
        cancelled.Document.QuerySelector("#undo-cancel")!.TextContent.ShouldContain("You can undo this cancellation until");
        await App.ClearMailAsync();

        var undone = await session.SubmitAsync(cancelled, new Dictionary<string, string>(), $"/my/appointments/{id}/undo-cancel");

        undone.Location.ShouldBe($"/my/appointments/{id}");
        var page = await session.FollowAsync(undone);
        page.Text.ShouldContain("Your cancellation is undone");
        page.Document.QuerySelector("#undo-cancel").ShouldBeNull();
        await using var db = Database.CreateContext();
        var stored = await db.Appointments.SingleAsync(a => a.Id == id);
        stored.Status.ShouldBe(AppointmentStatus.Booked);
        stored.CancellationReason.ShouldBeNull();
        stored.StartsAt.ShouldBe(TestClinic.At(10));
        stored.ProviderId.ShouldBe(clinic.Esthetician.Id);
        var history = await db.AppointmentEvents.Where(e => e.AppointmentId == id).OrderBy(e => e.At).Select(e => e.What).ToListAsync();
        history.ShouldBe(["Booked online", "Cancelled online (client request)", "Cancellation undone online: booked again at the same time"]);
        (await App.EmailsToAsync(client.Email!)).ShouldHaveSingleItem().Subject.ShouldContain("booked");
    }

    [Fact]
    public async Task Undoing_takes_the_time_back_from_a_waitlist_offer_made_meanwhile()
    {
        var (session, _, id, clinic) = await BookedAsync(TestClinic.At(10));
        var (waiter, waiting) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Wendy", "Waits");
        var joined = await waiter.SubmitAsync($"/waitlist/join/{clinic.Facial.Id}?areaIds={clinic.Cheeks.Id}", new Dictionary<string, string>
        {
            ["Form.Days"] = TestClinic.Day.DayOfWeek.ToString(), ["Form.EarliestStart"] = "09:00", ["Form.LatestStart"] = "12:00",
        });
        joined.Status.ShouldBe(HttpStatusCode.Redirect, joined.Summary);
        var cancelled = await session.FollowAsync(await CancelAsync(session, id));
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Data.Identity.Roles.FrontDesk);
        var card = await desk.GetAsync($"/front-desk/appointments/{id}");
        string entryId;
        await using (var db = Database.CreateContext())
        {
            entryId = (await db.WaitlistEntries.SingleAsync(e => e.ClientId == waiting.Id)).Id.ToString();
        }

        var offered = await desk.PostAsync(card, "/front-desk/waitlist/offers",
            new Dictionary<string, string> { ["FreedAppointmentId"] = id.ToString(), ["EntryId"] = entryId });
        offered.Status.ShouldBe(HttpStatusCode.Redirect, offered.Summary);
        var link = await AccountFlows.LinkFromEmailAsync(App, waiting.Email!, "a time opened up");

        var undone = await session.SubmitAsync(cancelled, new Dictionary<string, string>(), $"/my/appointments/{id}/undo-cancel");

        undone.Location.ShouldBe($"/my/appointments/{id}");
        using var phone = NewSession();
        var offer = await phone.GetAsync(link);
        offer.Document.GetElementById("offer-state")!.TextContent.ShouldContain("This time is gone");
        offer.Document.QuerySelector($"form[action='{link}']").ShouldBeNull();
        await using var check = Database.CreateContext();
        (await check.WaitlistOffers.SingleAsync()).Status.ShouldBe(WaitlistOfferStatus.Gone);
        (await check.WaitlistEntries.SingleAsync(e => e.ClientId == waiting.Id)).Status.ShouldBe(WaitlistStatus.Waiting);
        (await check.Appointments.SingleAsync(a => a.Id == id)).Status.ShouldBe(AppointmentStatus.Booked);
    }

    [Fact]
    public async Task After_ten_minutes_on_the_apps_clock_the_undo_is_gone_and_refused()
    {
        var clock = new MovableClock();
        await using var app = App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var (session, _, id, _) = await BookedAsync(TestClinic.At(10), () => new WebSession(app.CreateClient(new() { AllowAutoRedirect = false })));
        var cancelled = await session.FollowAsync(await CancelAsync(session, id));
        cancelled.Document.QuerySelector("#undo-cancel").ShouldNotBeNull();

        clock.Ahead = Appointment.UndoCancellationWindow + TimeSpan.FromSeconds(5);
        var page = await session.GetAsync($"/my/appointments/{id}");
        var refused = await session.PostAsync(cancelled, $"/my/appointments/{id}/undo-cancel");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelector("#undo-cancel").ShouldBeNull();
        (await session.FollowAsync(refused)).Text.ShouldContain("can be undone online only within 10 minutes");
        await using var db = Database.CreateContext();
        (await db.Appointments.SingleAsync(a => a.Id == id)).Status.ShouldBe(AppointmentStatus.Cancelled);
    }

    [Fact]
    public async Task A_time_taken_meanwhile_cannot_be_undone_and_the_client_is_told()
    {
        var (session, _, id, clinic) = await BookedAsync(TestClinic.At(10));
        var cancelled = await session.FollowAsync(await CancelAsync(session, id));
        await clinic.BookAsync(Database, TestClinic.At(10), provider: clinic.Esthetician, room: clinic.RoomTwo, device: clinic.Dermapen);

        var refused = await session.SubmitAsync(cancelled, new Dictionary<string, string>(), $"/my/appointments/{id}/undo-cancel");

        (await session.FollowAsync(refused)).Text.ShouldContain("Someone booked this time a moment ago");
        await using var db = Database.CreateContext();
        (await db.Appointments.SingleAsync(a => a.Id == id)).Status.ShouldBe(AppointmentStatus.Cancelled);
    }

    [Fact]
    public async Task A_cancellation_the_desk_made_is_not_the_clients_to_undo()
    {
        var (session, _, id, _) = await BookedAsync(TestClinic.At(10));
        await using (var db = Database.CreateContext())
        {
            var appointment = await db.Appointments.SingleAsync(a => a.Id == id);
            appointment.Cancel(CancellationReason.ClientRequest, null, TimeSpan.FromHours(24), DateTimeOffset.UtcNow, new ChangedBy(Guid.NewGuid(), "desk@example.com"));
            await db.SaveChangesAsync();
        }

        var page = await session.GetAsync($"/my/appointments/{id}");
        var refused = await session.PostAsync(page, $"/my/appointments/{id}/undo-cancel");

        page.Document.QuerySelector("#undo-cancel").ShouldBeNull();
        refused.Status.ShouldBe(HttpStatusCode.Redirect);
        await using var check = Database.CreateContext();
        (await check.Appointments.SingleAsync(a => a.Id == id)).Status.ShouldBe(AppointmentStatus.Cancelled);
    }

    [Fact]
    public async Task Another_client_cannot_undo_it()
    {
        var (session, _, id, _) = await BookedAsync(TestClinic.At(10));
        await CancelAsync(session, id);
        var (other, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Mallory", "Other");
        var home = await other.GetAsync("/my/appointments");

        (await other.GetAsync($"/my/appointments/{id}/cancel")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsync(home, $"/my/appointments/{id}/undo-cancel")).Status.ShouldBe(HttpStatusCode.NotFound);
        await using var db = Database.CreateContext();
        (await db.Appointments.SingleAsync(a => a.Id == id)).Status.ShouldBe(AppointmentStatus.Cancelled);
    }
}
