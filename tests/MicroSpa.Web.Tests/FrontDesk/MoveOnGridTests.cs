using System.Net;
using System.Text.Json;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.FrontDesk;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.FrontDesk;

/// <summary>
/// An appointment's card dropped on the day grid (site.js posts what the drop means to /move): the reschedule
/// form's use case, so the same refusals in the same words, answered as problem details for the script.
/// </summary>
public sealed class MoveOnGridTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string NotOpen = "That time is not open with this provider and room. Choose another.";

    private sealed record Dropped(HttpStatusCode Status, JsonElement Body);

    private static async Task<Dropped> DropAsync(WebSession desk, Page day, Guid id, IDictionary<string, string> fields, bool withToken = true)
    {
        var values = new Dictionary<string, string>(fields);
        if (withToken)
        {
            values["__RequestVerificationToken"] = day.Document.QuerySelector("#schedule-move input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/front-desk/appointments/{id}/move") { Content = new FormUrlEncodedContent(values) };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await desk.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Dropped(response.StatusCode, text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    /// <summary>What the grid's card carries for the script, as the page rendered it.</summary>
    private static Dictionary<string, string> Card(Page day, Guid id)
    {
        var block = day.Document.QuerySelector($"a.schedule-block[href='/front-desk/appointments/{id}']")!;
        block.GetAttribute("draggable").ShouldBe("true");
        block.GetAttribute("data-move").ShouldBe($"/front-desk/appointments/{id}/move");
        return new Dictionary<string, string>
        {
            ["Version"] = block.GetAttribute("data-version")!, ["ProviderId"] = block.GetAttribute("data-provider")!, ["RoomId"] = block.GetAttribute("data-room")!,
        };
    }

    private static Dictionary<string, string> To(Dictionary<string, string> card, string time, Guid? provider = null, Guid? room = null, DateOnly? date = null)
    {
        var fields = new Dictionary<string, string>(card) { ["Date"] = (date ?? TestClinic.Day).ToString("yyyy-MM-dd"), ["Time"] = time };
        if (provider is { } p)
        {
            fields["ProviderId"] = p.ToString();
        }

        if (room is { } r)
        {
            fields["RoomId"] = r.ToString();
        }

        return fields;
    }

    private async Task<(TestClinic Clinic, Appointment Appointment, WebSession Desk, Page Day)> DayWithOneBookingAsync()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var day = await desk.GetAsync($"/front-desk?date={TestClinic.Day:yyyy-MM-dd}");
        day.Status.ShouldBe(HttpStatusCode.OK);
        return (clinic, appointment, desk, day);
    }

    private async Task<Appointment> StoredAsync(Guid id)
    {
        await using var db = Database.CreateContext();
        return await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    [Fact]
    public async Task A_card_dropped_at_another_time_in_another_providers_column_moves_there_with_its_history_and_email()
    {
        var (clinic, appointment, desk, day) = await DayWithOneBookingAsync();
        day.Document.GetElementById("schedule-move-help")!.TextContent.ShouldContain("open the appointment and choose Reschedule");
        var card = Card(day, appointment.Id);
        card["RoomId"].ShouldBe(clinic.RoomOne.Id.ToString());

        var dropped = await DropAsync(desk, day, appointment.Id, To(card, "14:15", provider: clinic.OtherEsthetician.Id));

        dropped.Status.ShouldBe(HttpStatusCode.OK);
        dropped.Body.GetProperty("message").GetString().ShouldBe("The appointment is moved.");
        var stored = await StoredAsync(appointment.Id);
        stored.StartsAt.ShouldBe(TestClinic.At(14, 15));
        stored.ProviderId.ShouldBe(clinic.OtherEsthetician.Id);
        stored.RoomId.ShouldBe(clinic.RoomOne.Id, "a drop in a provider's column keeps the room");
        await using (var db = Database.CreateContext())
        {
            (await db.AppointmentEvents.SingleAsync()).What.ShouldBe(
                $"Moved from {TestClinic.Day:yyyy-MM-dd} 10:00 to {TestClinic.Day:yyyy-MM-dd} 14:15 with Sofia Chen in Room 1");
            (await db.Outbox.CountAsync(m => m.Kind == "appointment-moved")).ShouldBe(1);
        }

        // The page the script reloads: the card in Sofia's column at 14:15, the notice above it.
        var after = await desk.GetAsync($"/front-desk?date={TestClinic.Day:yyyy-MM-dd}");
        after.Text.ShouldContain("The appointment is moved.");
        var block = after.Document.QuerySelector($"a.schedule-block[href='/front-desk/appointments/{appointment.Id}']")!;
        block.TextContent.ShouldContain("14:15 Test Client");
        after.Document.GetElementById(block.ParentElement!.GetAttribute("aria-labelledby")!)!.TextContent.Trim().ShouldBe("Sofia Chen");
        block.GetAttribute("data-version").ShouldNotBe(card["Version"]);
    }

    [Fact]
    public async Task A_card_let_go_where_it_was_moves_nothing_and_emails_no_one()
    {
        var (_, appointment, desk, day) = await DayWithOneBookingAsync();
        var card = Card(day, appointment.Id);

        var dropped = await DropAsync(desk, day, appointment.Id, To(card, "10:00"));

        dropped.Status.ShouldBe(HttpStatusCode.OK);
        var stored = await StoredAsync(appointment.Id);
        (stored.StartsAt, stored.ProviderId, stored.RoomId).ShouldBe((appointment.StartsAt, appointment.ProviderId, appointment.RoomId));
        await using var db = Database.CreateContext();
        (await db.AppointmentEvents.CountAsync()).ShouldBe(0, "no 'Moved from 10:00 to 10:00'");
        (await db.Outbox.CountAsync(m => m.Kind == "appointment-moved")).ShouldBe(0);
    }

    [Fact]
    public async Task A_card_dropped_in_a_rooms_column_moves_to_that_room_with_the_same_provider()
    {
        var (clinic, appointment, desk, _) = await DayWithOneBookingAsync();
        var rooms = await desk.GetAsync($"/front-desk?date={TestClinic.Day:yyyy-MM-dd}&view=rooms");
        var card = Card(rooms, appointment.Id);

        var dropped = await DropAsync(desk, rooms, appointment.Id, To(card, "11:30", room: clinic.RoomTwo.Id));

        dropped.Status.ShouldBe(HttpStatusCode.OK);
        var stored = await StoredAsync(appointment.Id);
        stored.RoomId.ShouldBe(clinic.RoomTwo.Id);
        stored.ProviderId.ShouldBe(clinic.Esthetician.Id);
        stored.StartsAt.ShouldBe(TestClinic.At(11, 30));
    }

    [Fact]
    public async Task A_drop_on_a_taken_time_outside_working_hours_or_in_a_closed_room_is_refused_in_the_reschedule_forms_words()
    {
        var (clinic, appointment, desk, day) = await DayWithOneBookingAsync();
        await clinic.BookAsync(Database, TestClinic.At(14), provider: clinic.OtherEsthetician, room: clinic.RoomTwo, device: clinic.Dermapen);
        await using (var db = Database.CreateContext())
        {
            db.OutOfService.Add(OutOfService.ForRoom(clinic.RoomOne.Id, TestClinic.At(16), TestClinic.At(18), "Deep clean"));
            await db.SaveChangesAsync();
        }

        var card = Card(day, appointment.Id);
        var overlap = await DropAsync(desk, day, appointment.Id, To(card, "14:00", provider: clinic.OtherEsthetician.Id, room: clinic.RoomTwo.Id));
        var lateEvening = await DropAsync(desk, day, appointment.Id, To(card, "20:30"));
        var closedRoom = await DropAsync(desk, day, appointment.Id, To(card, "16:30"));

        foreach (var refused in new[] { overlap, lateEvening, closedRoom })
        {
            refused.Status.ShouldBe(HttpStatusCode.Conflict);
            refused.Body.GetProperty("title").GetString().ShouldBe(NotOpen);
        }

        var stored = await StoredAsync(appointment.Id);
        stored.StartsAt.ShouldBe(TestClinic.At(10));
        stored.ProviderId.ShouldBe(clinic.Esthetician.Id);
        stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(card["Version"]);
        await using var check = Database.CreateContext();
        (await check.Outbox.CountAsync(m => m.Kind == "appointment-moved")).ShouldBe(0);

        // The reschedule form says the same about the same time.
        var form = await desk.GetAsync($"/front-desk/appointments/{appointment.Id}/reschedule?providerId={clinic.OtherEsthetician.Id}&roomId={clinic.RoomTwo.Id}&date={TestClinic.Day:yyyy-MM-dd}");
        var posted = await desk.SubmitAsync(form, new Dictionary<string, string> { ["start"] = Features.Shared.TimeGrid.Format(TestClinic.At(14)) },
            $"/front-desk/appointments/{appointment.Id}/reschedule");
        (await desk.FollowAsync(posted)).Text.ShouldContain(NotOpen);
    }

    [Fact]
    public async Task A_drop_from_a_stale_grid_is_refused_and_nothing_is_overwritten()
    {
        var (_, appointment, desk, day) = await DayWithOneBookingAsync();
        var card = Card(day, appointment.Id);
        (await DropAsync(desk, day, appointment.Id, To(card, "12:00"))).Status.ShouldBe(HttpStatusCode.OK);

        var stale = await DropAsync(desk, day, appointment.Id, To(card, "15:00"));

        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.Body.GetProperty("title").GetString().ShouldBe(ChangeAppointmentStatus.StaleMessage);
        (await StoredAsync(appointment.Id)).StartsAt.ShouldBe(TestClinic.At(12));
    }

    [Fact]
    public async Task Values_that_cannot_be_read_are_a_problem_with_field_messages_never_a_server_error()
    {
        var (_, appointment, desk, day) = await DayWithOneBookingAsync();
        var card = Card(day, appointment.Id);

        var badDate = await DropAsync(desk, day, appointment.Id, new Dictionary<string, string>(To(card, "12:00")) { ["Date"] = "next tuesday" });
        var noTime = await DropAsync(desk, day, appointment.Id, new Dictionary<string, string>(card) { ["Date"] = TestClinic.Day.ToString("yyyy-MM-dd") });
        var badTime = await DropAsync(desk, day, appointment.Id, To(card, "25:99"));
        var badVersion = await DropAsync(desk, day, appointment.Id, new Dictionary<string, string>(To(card, "12:00")) { ["Version"] = "-3" });
        var badProvider = await DropAsync(desk, day, appointment.Id, new Dictionary<string, string>(To(card, "12:00")) { ["ProviderId"] = "Sofia" });
        // 02:30 on the day the clocks spring forward in the clinic's zone does not exist.
        var skipped = await DropAsync(desk, day, appointment.Id, To(card, "02:30", date: new DateOnly(2027, 3, 14)));

        foreach (var (problem, field) in new[] { (badDate, "Date"), (noTime, "Time"), (badTime, "Time"), (badVersion, "Version"), (badProvider, "ProviderId"), (skipped, "Time") })
        {
            problem.Status.ShouldBe(HttpStatusCode.BadRequest, field);
            problem.Body.GetProperty("errors").TryGetProperty(field, out var messages).ShouldBeTrue(field);
            messages[0].GetString().ShouldNotBeNullOrWhiteSpace();
        }

        noTime.Body.GetProperty("errors").GetProperty("Time")[0].GetString().ShouldBe("Give the time to move the appointment to.");
        skipped.Body.GetProperty("errors").GetProperty("Time")[0].GetString().ShouldBe(MoveOnGrid.NoSuchTimeMessage);
        (await DropAsync(desk, day, Guid.NewGuid(), To(card, "12:00"))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await DropAsync(desk, day, appointment.Id, To(card, "12:00"), withToken: false)).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await StoredAsync(appointment.Id)).StartsAt.ShouldBe(TestClinic.At(10));
    }

    [Fact]
    public async Task Only_booked_cards_are_draggable_and_the_week_view_has_no_drag()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var today = await clinic.BookAsync(Database, TestClinic.SoonToday());
        await TestClinic.GiveIntakeAsync(Database, today.Id);
        await using (var db = Database.CreateContext())
        {
            var stored = await db.Appointments.SingleAsync(a => a.Id == today.Id);
            stored.CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
            await db.SaveChangesAsync();
        }

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var day = await desk.GetAsync("/front-desk");
        var block = day.Document.QuerySelector($"a.schedule-block[href='/front-desk/appointments/{today.Id}']")!;
        block.GetAttribute("draggable").ShouldBe("false");
        block.HasAttribute("data-move").ShouldBeFalse();

        var week = await desk.GetAsync($"/front-desk/week?providerId={clinic.Esthetician.Id}");
        week.Document.GetElementById("schedule-move").ShouldBeNull();
        week.Document.QuerySelectorAll("a.schedule-block[draggable='true']").Length.ShouldBe(0);
    }
}
