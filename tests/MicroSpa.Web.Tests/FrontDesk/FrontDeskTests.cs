using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.FrontDesk;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.FrontDesk;

public sealed class FrontDeskTests(WebAppFixture fixture) : WebTest(fixture)
{
    private Task<WebSession> SignedInStaffAsync(string role) => AccountFlows.SignedInStaffAsync(App, NewSession, role);

    private static Task<Page> ActAsync(WebSession session, Page card, Guid id, string action, Dictionary<string, string>? more = null)
    {
        var fields = new Dictionary<string, string>(more ?? []) { ["Action"] = action };
        var form = card.Document.QuerySelectorAll("form").First(f =>
            f.GetAttribute("action") == $"/front-desk/appointments/{id}/status"
            && f.QuerySelector("input[name=Action]")?.GetAttribute("value") == action);
        fields["Version"] = form.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        return session.PostAsync(card, $"/front-desk/appointments/{id}/status", fields);
    }

    [Fact]
    public async Task The_day_view_shows_a_column_per_provider_with_each_appointment_and_its_status()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);

        var page = await desk.GetAsync($"/front-desk?date={TestClinic.Day:yyyy-MM-dd}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelectorAll(".schedule-head").Select(h => h.TextContent.Trim()).ShouldContain("Maya Lopez");
        page.Document.QuerySelectorAll(".schedule-head").Select(h => h.TextContent.Trim()).ShouldContain("Sofia Chen");
        var block = page.Document.QuerySelector($"a.schedule-block[href='/front-desk/appointments/{appointment.Id}']")!;
        block.TextContent.ShouldContain("10:00 Test Client");
        block.TextContent.ShouldContain("Booked");
        block.ClassList.ShouldContain("status-booked");
        var column = block.ParentElement!.GetAttribute("aria-labelledby");
        page.Document.GetElementById(column!)!.TextContent.Trim().ShouldBe("Maya Lopez");

        var rooms = await desk.GetAsync($"/front-desk?date={TestClinic.Day:yyyy-MM-dd}&view=rooms");
        rooms.Document.QuerySelectorAll(".schedule-head").Select(h => h.TextContent.Trim()).ShouldContain("Room 1");
    }

    [Fact]
    public async Task Check_in_start_and_complete_are_recorded_with_who_and_when()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.SoonToday());
        await TestClinic.GiveIntakeAsync(Database, appointment.Id);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var url = $"/front-desk/appointments/{appointment.Id}";

        (await ActAsync(desk, await desk.GetAsync(url), appointment.Id, ChangeAppointmentStatus.CheckIn)).Location.ShouldBe(url);
        (await ActAsync(desk, await desk.GetAsync(url), appointment.Id, ChangeAppointmentStatus.Start)).Location.ShouldBe(url);
        (await ActAsync(desk, await desk.GetAsync(url), appointment.Id, ChangeAppointmentStatus.Complete)).Location.ShouldBe(url);

        var card = await desk.GetAsync(url);
        card.Document.GetElementById("status")!.TextContent.ShouldContain("Completed");
        var history = card.Document.QuerySelectorAll(".history li").Select(l => l.TextContent).ToList();
        history.Count.ShouldBe(3);
        history[0].ShouldContain("Checked in");
        history[0].ShouldContain("frontdesk.");
        history[2].ShouldContain("Completed");
    }

    [Fact]
    public async Task Treatment_does_not_start_without_screening_and_consent_and_the_card_says_what_is_missing()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.SoonToday());
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var url = $"/front-desk/appointments/{appointment.Id}";
        (await ActAsync(desk, await desk.GetAsync(url), appointment.Id, ChangeAppointmentStatus.CheckIn)).Location.ShouldBe(url);

        var card = await desk.GetAsync(url);
        var missing = card.Document.GetElementById("gate-missing")!.TextContent;
        missing.ShouldContain("No screening for this visit: the client answers it on the check-in tablet.");
        missing.ShouldContain("No consent signed for this visit: the client signs it on the check-in tablet.");
        card.Document.QuerySelector($"a[href='/front-desk/appointments/{appointment.Id}/intake']").ShouldNotBeNull();

        var refused = await ActAsync(desk, card, appointment.Id, ChangeAppointmentStatus.Start);

        refused.Status.ShouldBe(HttpStatusCode.Conflict);
        refused.Text.ShouldContain("No screening for this visit: the client answers it on the check-in tablet.");
        await using (var db = Database.CreateContext())
        {
            (await db.Appointments.SingleAsync(a => a.Id == appointment.Id)).Status.ShouldBe(AppointmentStatus.CheckedIn);
        }

        await TestClinic.GiveIntakeAsync(Database, appointment.Id);
        var ready = await desk.GetAsync(url);
        ready.Document.GetElementById("gate-missing").ShouldBeNull();
        (await ActAsync(desk, ready, appointment.Id, ChangeAppointmentStatus.Start)).Location.ShouldBe(url);
    }

    [Fact]
    public async Task A_no_show_cannot_be_marked_before_the_start_time()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var card = await desk.GetAsync($"/front-desk/appointments/{appointment.Id}");
        card.Document.QuerySelector("input[name=Action][value='no-show']").ShouldBeNull();

        var forced = await desk.PostAsync(card, $"/front-desk/appointments/{appointment.Id}/status",
            new Dictionary<string, string> { ["Action"] = "no-show", ["Version"] = card.Document.QuerySelector("input[name=Version]")!.GetAttribute("value")! });

        forced.Status.ShouldBe(HttpStatusCode.Conflict);
        forced.Text.ShouldContain("only after the start time");
        await using var db = Database.CreateContext();
        (await db.Appointments.SingleAsync()).Status.ShouldBe(AppointmentStatus.Booked);
    }

    [Fact]
    public async Task Cancelling_needs_a_reason_and_a_late_client_request_is_flagged()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var soon = await clinic.BookAsync(Database, DateTimeOffset.UtcNow.AddHours(3));
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var card = await desk.GetAsync($"/front-desk/appointments/{soon.Id}");

        var noReason = await ActAsync(desk, card, soon.Id, ChangeAppointmentStatus.Cancel);
        noReason.Status.ShouldBe(HttpStatusCode.BadRequest);
        noReason.Text.ShouldContain("Choose why the appointment is cancelled.");

        var cancelled = await ActAsync(desk, card, soon.Id, ChangeAppointmentStatus.Cancel,
            new Dictionary<string, string> { ["Reason"] = "ClientRequest", ["Note"] = "Called at 8am" });
        cancelled.Status.ShouldBe(HttpStatusCode.Redirect);
        await using var db = Database.CreateContext();
        var stored = await db.Appointments.SingleAsync();
        stored.Status.ShouldBe(AppointmentStatus.Cancelled);
        stored.CancellationReason.ShouldBe(CancellationReason.LateCancel);
        stored.CancellationNote.ShouldBe("Called at 8am");
        (await desk.GetAsync($"/front-desk/appointments/{soon.Id}")).Text.ShouldContain("late cancel, inside the cutoff");

        // The client is told, without the desk's internal note.
        var email = (await App.EmailsToAsync(clinic.Client.Email!)).ShouldHaveSingleItem();
        email.Subject.ShouldContain("cancelled");
        email.TextBody.ShouldNotContain("Called at 8am");
    }

    [Fact]
    public async Task Two_people_changing_one_appointment_the_second_is_told_and_nothing_is_overwritten()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        using var first = await SignedInStaffAsync(Roles.FrontDesk);
        using var second = await SignedInStaffAsync(Roles.FrontDesk);
        var url = $"/front-desk/appointments/{appointment.Id}";
        var firstCard = await first.GetAsync(url);
        var secondCard = await second.GetAsync(url);

        (await ActAsync(first, firstCard, appointment.Id, ChangeAppointmentStatus.Cancel,
            new Dictionary<string, string> { ["Reason"] = "Illness" })).Status.ShouldBe(HttpStatusCode.Redirect);
        var stale = await ActAsync(second, secondCard, appointment.Id, ChangeAppointmentStatus.CheckIn);

        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.Text.ShouldContain(ChangeAppointmentStatus.StaleMessage);
        stale.Document.GetElementById("status")!.TextContent.ShouldContain("Cancelled");
        await using var db = Database.CreateContext();
        var stored = await db.Appointments.SingleAsync();
        stored.Status.ShouldBe(AppointmentStatus.Cancelled);
        (await db.AppointmentEvents.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Clients_and_estheticians_cannot_use_the_front_desk()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        var (client, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        using var esthetician = await SignedInStaffAsync(Roles.Esthetician);

        foreach (var session in new[] { client, esthetician })
        {
            var day = await session.GetAsync("/front-desk");
            day.Status.ShouldBe(HttpStatusCode.Redirect);
            day.Location!.ShouldContain("/account/access-denied");
            var home = await session.GetAsync("/");
            var post = await session.PostAsync(home, $"/front-desk/appointments/{appointment.Id}/status",
                new Dictionary<string, string> { ["Action"] = "check-in", ["Version"] = "0" });
            post.Status.ShouldBe(HttpStatusCode.Redirect);
            post.Location!.ShouldContain("/account/access-denied");
        }

        await using var db = Database.CreateContext();
        (await db.Appointments.SingleAsync()).Status.ShouldBe(AppointmentStatus.Booked);
        client.Dispose();
    }

    [Fact]
    public async Task An_online_booking_shows_its_history_to_the_front_desk()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (client, owner) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var draftId = await BookingFlows.ReadyToConfirmAsync(client, owner, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));
        await BookingFlows.ConfirmAsync(client, draftId);
        await using var db = Database.CreateContext();
        var id = await db.Appointments.Select(a => a.Id).SingleAsync();
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);

        var card = await desk.GetAsync($"/front-desk/appointments/{id}");

        card.Text.ShouldContain("Booked online");
        card.Text.ShouldContain("The client (online)");
        card.Text.ShouldContain("Complete");
        card.Text.ShouldNotContain("anticoagulant");
        client.Dispose();
    }

    [Fact]
    public async Task Finds_clients_by_any_part_of_name_email_or_phone()
    {
        await using (var db = Database.CreateContext())
        {
            db.Clients.AddRange(
                new Domain.Clients.Client("Amelia", "Okafor", "amelia.o@example.com", "555-0142", DateTimeOffset.UtcNow),
                new Domain.Clients.Client("Liam", "Rossi", "liam@example.com", "555-0177", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        using var desk = await SignedInStaffAsync(Roles.FrontDesk);

        async Task<List<string>> Search(string term) =>
            (await desk.GetAsync($"/front-desk/clients?q={Uri.EscapeDataString(term)}")).Document
                .QuerySelectorAll(".client-results li .fw-semibold").Select(e => e.TextContent).ToList();

        (await Search("okaf")).ShouldBe(["Amelia Okafor"]);
        (await Search("LIAM@")).ShouldBe(["Liam Rossi"]);
        (await Search("0177")).ShouldBe(["Liam Rossi"]);
        (await Search("555")).Count.ShouldBe(2);
        (await Search("%")).ShouldBeEmpty();
        (await Search("a")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Search_shows_surnames_starting_with_the_term_then_first_names_then_the_term_anywhere_and_at_most_twenty()
    {
        await using (var db = Database.CreateContext())
        {
            db.Clients.AddRange(
                new Domain.Clients.Client("Tom", "Cavill", "tom@example.com", null, DateTimeOffset.UtcNow),
                new Domain.Clients.Client("Ava", "Young", "young@example.com", null, DateTimeOffset.UtcNow),
                new Domain.Clients.Client("Kim", "Lee", "kim.avalos@example.com", null, DateTimeOffset.UtcNow),
                new Domain.Clients.Client("Zed", "Avery", "zed@example.com", null, DateTimeOffset.UtcNow),
                new Domain.Clients.Client("Émile", "Ávila", "emile@example.com", null, DateTimeOffset.UtcNow),
                new Domain.Clients.Client("Bob", "Stone", "bob@example.com", null, DateTimeOffset.UtcNow));
            db.Clients.AddRange(Enumerable.Range(10, 30).Select(i => new Domain.Clients.Client($"Nora{i}", "Quinn", $"nora{i}@example.com", null, DateTimeOffset.UtcNow)));
            await db.SaveChangesAsync();
        }

        using var desk = await SignedInStaffAsync(Roles.FrontDesk);

        async Task<List<string>> Search(string term) =>
            (await desk.GetAsync($"/front-desk/clients?q={Uri.EscapeDataString(term)}")).Document
                .QuerySelectorAll(".client-results li .fw-semibold").Select(e => e.TextContent).ToList();

        (await Search("AV")).ShouldBe(["Zed Avery", "Ava Young", "Tom Cavill", "Kim Lee"]);
        (await Search("ávi")).ShouldBe(["Émile Ávila"]);
        (await Search("quinn")).ShouldBe(Enumerable.Range(10, 20).Select(i => $"Nora{i} Quinn").ToList());
        (await Search("nora3")).ShouldBe(Enumerable.Range(30, 10).Select(i => $"Nora{i} Quinn").ToList());
    }

    [Fact]
    public async Task A_new_client_needs_a_name_and_a_valid_unused_email()
    {
        await TestClinic.CreateAsync(Database);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);

        var empty = await desk.SubmitAsync("/front-desk/clients", new Dictionary<string, string>
        {
            ["NewClient.FirstName"] = "", ["NewClient.LastName"] = "", ["NewClient.Email"] = "nope",
        });
        var taken = await desk.SubmitAsync("/front-desk/clients", new Dictionary<string, string>
        {
            ["NewClient.FirstName"] = "Test", ["NewClient.LastName"] = "Again", ["NewClient.Email"] = "test.client@example.com",
        });

        empty.Status.ShouldBe(HttpStatusCode.OK);
        empty.FieldMessage("NewClient_FirstName").ShouldBe("Enter the first name.");
        empty.FieldMessage("NewClient_Email").ShouldBe("Enter an email address like name@example.com.");
        taken.FieldMessage("NewClient_Email").ShouldBe("A client with this email already exists: search for them instead.");
        await using var db = Database.CreateContext();
        (await db.Clients.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task The_front_desk_adds_a_caller_and_books_them_into_an_open_time()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);

        var created = await desk.SubmitAsync("/front-desk/clients", new Dictionary<string, string>
        {
            ["NewClient.FirstName"] = "Grace", ["NewClient.LastName"] = "Murphy", ["NewClient.Email"] = "grace@example.com", ["NewClient.Phone"] = "555 0199",
        });
        created.Location!.ShouldStartWith("/front-desk/book?clientId=");
        var times = await desk.GetAsync($"{created.Location}&serviceId={clinic.Facial.Id}&areaIds={clinic.Cheeks.Id}&providerId={clinic.OtherEsthetician.Id}&date={TestClinic.Day:yyyy-MM-dd}");
        var start = Features.Shared.TimeGrid.Format(TestClinic.At(9));
        var booked = await desk.SubmitAsync(times, new Dictionary<string, string> { ["start"] = start }, "/front-desk/book");

        booked.Location!.ShouldStartWith("/front-desk/appointments/");
        await using var db = Database.CreateContext();
        var appointment = await db.Appointments.Include(a => a.Client).SingleAsync();
        appointment.Client!.FullName.ShouldBe("Grace Murphy");
        appointment.Source.ShouldBe(BookingSource.FrontDesk);
        appointment.ProviderId.ShouldBe(clinic.OtherEsthetician.Id);
        appointment.StartsAt.ShouldBe(TestClinic.At(9));
        (await db.AppointmentEvents.SingleAsync()).What.ShouldBe("Booked by the front desk");
        (await App.EmailsToAsync("grace@example.com")).ShouldHaveSingleItem().AttachmentNames.ShouldBe(["appointment.ics"]);
    }

    [Fact]
    public async Task Booking_a_caller_into_a_taken_time_says_so_and_books_nothing()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await clinic.BookAsync(Database, TestClinic.At(9), provider: clinic.OtherEsthetician, room: clinic.RoomTwo, device: clinic.Dermapen);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var page = await desk.GetAsync($"/front-desk/book?clientId={clinic.Client.Id}&serviceId={clinic.Facial.Id}&areaIds={clinic.Cheeks.Id}&providerId={clinic.OtherEsthetician.Id}&date={TestClinic.Day:yyyy-MM-dd}");

        var result = await desk.SubmitAsync(page, new Dictionary<string, string> { ["start"] = Features.Shared.TimeGrid.Format(TestClinic.At(9)) }, "/front-desk/book");

        (await desk.FollowAsync(result)).Text.ShouldContain("That time was just taken");
        await using var db = Database.CreateContext();
        (await db.Appointments.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task The_front_desk_moves_an_appointment_to_another_provider_room_and_time()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var page = await desk.GetAsync(
            $"/front-desk/appointments/{appointment.Id}/reschedule?providerId={clinic.OtherEsthetician.Id}&roomId={clinic.RoomTwo.Id}&date={TestClinic.Day.AddDays(1):yyyy-MM-dd}");

        var moved = await desk.SubmitAsync(page, new Dictionary<string, string> { ["start"] = Features.Shared.TimeGrid.Format(TestClinic.At(15, day: TestClinic.Day.AddDays(1))) },
            $"/front-desk/appointments/{appointment.Id}/reschedule");

        moved.Location.ShouldBe($"/front-desk/appointments/{appointment.Id}");
        await using var db = Database.CreateContext();
        var stored = await db.Appointments.SingleAsync();
        stored.ProviderId.ShouldBe(clinic.OtherEsthetician.Id);
        stored.RoomId.ShouldBe(clinic.RoomTwo.Id);
        stored.StartsAt.ShouldBe(TestClinic.At(15, day: TestClinic.Day.AddDays(1)));
        (await db.AppointmentEvents.SingleAsync()).What.ShouldContain("with Sofia Chen in Room 2");
    }

    [Fact]
    public async Task Moving_into_a_taken_time_or_from_a_stale_page_is_refused()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        await clinic.BookAsync(Database, TestClinic.At(14), provider: clinic.OtherEsthetician, room: clinic.RoomTwo, device: clinic.Dermapen);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var url = $"/front-desk/appointments/{appointment.Id}/reschedule?providerId={clinic.OtherEsthetician.Id}&date={TestClinic.Day:yyyy-MM-dd}";
        var page = await desk.GetAsync(url);

        var taken = await desk.SubmitAsync(page, new Dictionary<string, string> { ["start"] = Features.Shared.TimeGrid.Format(TestClinic.At(14)) },
            $"/front-desk/appointments/{appointment.Id}/reschedule");
        (await desk.FollowAsync(taken)).Text.ShouldContain("That time is not open");

        await using (var db = Database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE appointments SET needs_review = true WHERE id = {0}", appointment.Id);
        }

        var stale = await desk.SubmitAsync(page, new Dictionary<string, string> { ["start"] = Features.Shared.TimeGrid.Format(TestClinic.At(16)) },
            $"/front-desk/appointments/{appointment.Id}/reschedule");
        (await desk.FollowAsync(stale)).Text.ShouldContain("changed while you were looking at it");
        await using var check = Database.CreateContext();
        (await check.Appointments.SingleAsync(a => a.Id == appointment.Id)).StartsAt.ShouldBe(TestClinic.At(10));
    }

    [Fact]
    public async Task The_week_view_shows_one_provider_day_by_day()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);

        var week = await desk.GetAsync($"/front-desk/week?providerId={clinic.Esthetician.Id}&date={TestClinic.Day:yyyy-MM-dd}");
        var neither = await desk.GetAsync($"/front-desk/week?date={TestClinic.Day:yyyy-MM-dd}");

        week.Status.ShouldBe(HttpStatusCode.OK);
        week.Document.QuerySelector("h1")!.TextContent.ShouldContain("Maya Lopez");
        var heads = week.Document.QuerySelectorAll(".schedule-head a").Select(a => a.TextContent.Trim()).ToList();
        heads.Count.ShouldBe(7);
        heads[0].ShouldStartWith("Mon");
        var block = week.Document.QuerySelector($"a.schedule-block[href='/front-desk/appointments/{appointment.Id}']")!;
        var column = week.Document.GetElementById(block.ParentElement!.GetAttribute("aria-labelledby")!)!;
        column.TextContent.Trim().ShouldStartWith(TestClinic.Day.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture));
        neither.Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_run_sheet_lists_the_day_per_provider()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await clinic.BookAsync(Database, TestClinic.At(10));
        await clinic.BookAsync(Database, TestClinic.At(12), provider: clinic.OtherEsthetician, room: clinic.RoomTwo, device: clinic.Dermapen);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);

        var sheet = await desk.GetAsync($"/front-desk/run-sheet?date={TestClinic.Day:yyyy-MM-dd}");

        var sections = sheet.Document.QuerySelectorAll(".run-sheet-provider").ToList();
        sections.Select(s => s.QuerySelector("h2")!.TextContent).ShouldBe(["Maya Lopez", "Sofia Chen"]);
        sections[0].TextContent.ShouldContain("Test Client");
        sections[0].TextContent.ShouldContain("At check-in");
        sections[1].TextContent.ShouldContain("Room 2");
    }

    [Fact]
    public async Task A_client_profile_shows_visits_counts_and_a_review_flag_but_no_screening_answers()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (client, owner) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var started = await BookingFlows.StartAsync(client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));
        var draftId = BookingFlows.DraftIdFrom(started.Location!);
        await client.SubmitAsync($"/book/{draftId}/screening", BookingFlows.Answers("anticoagulant"));
        await client.SubmitAsync($"/book/{draftId}/consent", new Dictionary<string, string> { ["TypedName"] = owner.FullName });
        await BookingFlows.ConfirmAsync(client, draftId);
        client.Dispose();
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);

        var profile = await desk.GetAsync($"/front-desk/clients/{owner.Id}");

        profile.Status.ShouldBe(HttpStatusCode.OK);
        profile.Document.QuerySelectorAll(".upcoming li a").Length.ShouldBe(1);
        profile.Text.ShouldContain("Screening needs provider review");
        profile.Text.ShouldContain("Portal account");
        profile.Text.ShouldContain("No-shows: 0");
        profile.Text.ShouldNotContain("blood thinners");
    }

    [Fact]
    public async Task The_front_desk_corrects_client_details_and_bad_input_is_refused()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var url = $"/front-desk/clients/{clinic.Client.Id}";
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd");

        var bad = await desk.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Details.FirstName"] = "", ["Details.Email"] = "bad", ["Details.DateOfBirth"] = tomorrow,
        }, url);
        var future = await desk.SubmitAsync(url, new Dictionary<string, string> { ["Details.DateOfBirth"] = tomorrow }, url);
        var good = await desk.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Details.Phone"] = "555 0100", ["Details.DateOfBirth"] = "1988-04-02",
            ["Details.PreferredProviderId"] = clinic.OtherEsthetician.Id.ToString(), ["Details.Notes"] = "Prefers mornings",
        }, url);

        bad.Status.ShouldBe(HttpStatusCode.OK);
        bad.FieldMessage("Details_FirstName").ShouldBe("Enter the first name.");
        bad.FieldMessage("Details_Email").ShouldBe("Enter an email address like name@example.com.");
        future.FieldMessage("Details_DateOfBirth").ShouldBe("Enter a real date of birth.");
        good.Location.ShouldBe(url);
        await using var db = Database.CreateContext();
        var stored = await db.Clients.SingleAsync(c => c.Id == clinic.Client.Id);
        stored.DateOfBirth.ShouldBe(new DateOnly(1988, 4, 2));
        stored.PreferredProviderId.ShouldBe(clinic.OtherEsthetician.Id);
        stored.Notes.ShouldBe("Prefers mornings");
        stored.Phone.ShouldBe("555 0100");
        (await desk.GetAsync(url)).Document.QuerySelector("input[name='Details.DateOfBirth']")!.GetAttribute("value").ShouldBe("1988-04-02");
    }
}
