using AngleSharp.Dom;
using System.Net;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Booking;

public sealed class BookingFlowTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task Open_times_are_listed_per_day_in_the_clinics_time_zone()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await clinic.BookAsync(Database, TestClinic.At(8), provider: clinic.Esthetician, room: clinic.RoomOne, device: clinic.SkinPen);
        using var session = NewSession();

        var page = await session.GetAsync($"/book/{clinic.Facial.Id}/times?areaIds={clinic.Cheeks.Id}&providerId={clinic.Esthetician.Id}&date={TestClinic.Day:yyyy-MM-dd}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        var firstDay = page.Document.QuerySelector(".time-grid fieldset")!;
        var times = firstDay.QuerySelectorAll("button.time-slot").Select(b => b.TextContent).ToList();
        // 8:00 is taken until 9:15 (60 minutes + 15 buffer); the provider is free again from 9:15.
        times[0].ShouldStartWith("9:15");
        times.ShouldNotContain(t => t.StartsWith("8:", StringComparison.Ordinal));
        page.Document.QuerySelectorAll(".time-grid fieldset").Length.ShouldBe(7);
    }

    [Fact]
    public async Task A_services_page_starts_with_its_areas_ticked_so_its_form_shows_times_at_once()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var session = NewSession();

        var options = await session.GetAsync($"/book/{clinic.Facial.Id}");
        var cheeks = options.Document.QuerySelector($"input[name=areaIds][value='{clinic.Cheeks.Id}']")!;
        // "Show open times" as a browser sends the form untouched: the ticked boxes and the date.
        var form = options.Document.QuerySelector("form[method=get]")!;
        var sent = form.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlInputElement>("input[name]")
            .Where(i => i.Type != "checkbox" || i.IsChecked)
            .Select(i => $"{i.Name}={Uri.EscapeDataString(i.Value)}");
        var times = await session.GetAsync($"{form.GetAttribute("action")}?{string.Join("&", sent)}");

        cheeks.HasAttribute("checked").ShouldBeTrue();
        times.Status.ShouldBe(HttpStatusCode.OK);
        times.FieldMessage("areaIds").ShouldBeNull();
        times.Document.QuerySelectorAll("button.time-slot").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Choosing_no_area_for_a_treatment_asks_for_one()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var session = NewSession();

        var page = await session.GetAsync($"/book/{clinic.Facial.Id}/times");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.FieldMessage("areaIds").ShouldBe("Choose at least one body area.");
    }

    [Fact]
    public async Task An_anonymous_visitor_is_asked_to_sign_in_and_comes_back_to_the_chosen_time()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var session = NewSession();
        var checkout = BookingFlows.CheckoutUrl(clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));

        var page = await session.GetAsync(checkout);

        page.Status.ShouldBe(HttpStatusCode.Redirect);
        page.Location!.ShouldContain("/account/sign-in?ReturnUrl=");
        var signIn = await session.FollowAsync(page);
        var registerLink = signIn.Document.QuerySelector("main a[href^='/account/register']")!.GetAttribute("href")!;
        Uri.UnescapeDataString(registerLink).ShouldContain(checkout);
    }

    [Fact]
    public async Task A_client_books_through_screening_consent_and_confirmation()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var start = TestClinic.At(10);

        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], start);
        var confirmPage = await session.GetAsync($"/book/{draftId}/confirm");
        confirmPage.Text.ShouldContain("$350.00");
        confirmPage.Text.ShouldContain("24 hours before");
        var confirmed = await session.SubmitAsync(confirmPage, new Dictionary<string, string>(), $"/book/{draftId}/confirm");

        confirmed.Status.ShouldBe(HttpStatusCode.Redirect);
        var details = await session.FollowAsync(confirmed);
        details.Text.ShouldContain("You're booked");
        await using var db = Database.CreateContext();
        var appointment = await db.Appointments.Include(a => a.BodyAreas).SingleAsync();
        appointment.ClientId.ShouldBe(client.Id);
        appointment.StartsAt.ShouldBe(start);
        appointment.Source.ShouldBe(BookingSource.Online);
        appointment.BodyAreas.Single().Id.ShouldBe(clinic.Cheeks.Id);
        appointment.ScreeningId.ShouldNotBeNull();
        appointment.ConsentSignatureId.ShouldNotBeNull();
        appointment.NeedsReview.ShouldBeFalse();
        var consent = await db.ConsentSignatures.SingleAsync();
        consent.FormVersion.ShouldBe(1);
        consent.IpAddress.ShouldNotBeNullOrEmpty();
        var screening = await db.Screenings.SingleAsync();
        screening.Answers.Select(a => a.Code).ShouldBe(TestClinic.ScreeningCodes);

        var mail = (await App.EmailsToAsync(client.Email!)).ShouldHaveSingleItem();
        mail.Subject.ShouldContain("Your appointment is booked");
        mail.TextBody.ShouldContain("Microneedling — face");
        mail.TextBody.ShouldContain("Arrive with clean skin and no makeup");
        mail.TextBody.ShouldContain("retinoids");
        mail.AttachmentNames.ShouldBe(["appointment.ics"]);
        App.Log.Lines.ShouldContain(l => l.Contains(appointment.Id.ToString(), StringComparison.Ordinal));
        foreach (var secret in new[] { client.Email!, client.FirstName, client.LastName })
        {
            App.Log.Lines.ShouldNotContain(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase), $"'{secret}' was logged");
        }
    }

    [Fact]
    public async Task A_hard_stop_answer_explains_why_offers_a_consultation_and_books_nothing()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var started = await BookingFlows.StartAsync(session, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));
        var draftId = BookingFlows.DraftIdFrom(started.Location!);

        var page = await session.SubmitAsync($"/book/{draftId}/screening", BookingFlows.Answers("pregnant"));

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldContain("cannot be booked online");
        page.Text.ShouldContain("pregnancy");
        page.Document.QuerySelector($"a[href='/book/{clinic.Consultation.Id}']").ShouldNotBeNull();
        var confirmPage = await session.GetAsync($"/book/{draftId}/confirm");
        confirmPage.Text.ShouldContain("Finish the health screening");
        confirmPage.Document.QuerySelector($"form[action='/book/{draftId}/confirm']").ShouldBeNull();
        var forced = await session.PostAsync(confirmPage, $"/book/{draftId}/confirm");
        forced.Status.ShouldBe(HttpStatusCode.OK);
        forced.Text.ShouldContain("Finish the health screening and consent before confirming.");
        await using var db = Database.CreateContext();
        (await db.Appointments.CountAsync()).ShouldBe(0);
        (await db.Screenings.SingleAsync()).Outcome.ShouldBe(ScreeningOutcome.HardStop);
    }

    [Fact]
    public async Task A_needs_review_answer_books_the_session_flagged_for_the_provider()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var started = await BookingFlows.StartAsync(session, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(11));
        var draftId = BookingFlows.DraftIdFrom(started.Location!);

        (await session.SubmitAsync($"/book/{draftId}/screening", BookingFlows.Answers("anticoagulant"))).Location.ShouldBe($"/book/{draftId}/consent");
        await session.SubmitAsync($"/book/{draftId}/consent", new Dictionary<string, string> { ["TypedName"] = client.FullName });
        (await BookingFlows.ConfirmAsync(session, draftId)).Status.ShouldBe(HttpStatusCode.Redirect);

        await using var db = Database.CreateContext();
        (await db.Appointments.SingleAsync()).NeedsReview.ShouldBeTrue();
    }

    [Fact]
    public async Task Unanswered_questions_are_marked_and_nothing_is_saved()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var started = await BookingFlows.StartAsync(session, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));
        var draftId = BookingFlows.DraftIdFrom(started.Location!);
        var answers = BookingFlows.Answers();
        answers.Remove("Answers[bleeding]");
        answers["Answers[keloid]"] = "maybe";

        var page = await session.SubmitAsync($"/book/{draftId}/screening", answers);

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.GetElementById("q-bleeding-error")!.TextContent.ShouldContain("Answer yes or no.");
        page.Document.GetElementById("q-keloid-error")!.TextContent.ShouldNotBeNullOrWhiteSpace();
        await using var db = Database.CreateContext();
        (await db.Screenings.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_recent_screening_can_be_confirmed_as_unchanged()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var first = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));
        await BookingFlows.ConfirmAsync(session, first);
        var consult = await BookingFlows.StartAsync(session, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10, day: TestClinic.Day.AddDays(30)));
        var draftId = BookingFlows.DraftIdFrom(consult.Location!);

        var page = await session.GetAsync($"/book/{draftId}/screening");
        var unchanged = await session.SubmitAsync(page, new Dictionary<string, string>(), $"/book/{draftId}/screening/unchanged");

        unchanged.Location.ShouldBe($"/book/{draftId}/consent");
        await using var db = Database.CreateContext();
        var screenings = await db.Screenings.OrderBy(s => s.AnsweredAt).ToListAsync();
        screenings.Count.ShouldBe(2);
        screenings[1].ConfirmedUnchangedFromId.ShouldBe(screenings[0].Id);
    }

    [Fact]
    public async Task Consent_needs_the_clients_own_name()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var started = await BookingFlows.StartAsync(session, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));
        var draftId = BookingFlows.DraftIdFrom(started.Location!);
        await session.SubmitAsync($"/book/{draftId}/screening", BookingFlows.Answers());

        var empty = await session.SubmitAsync($"/book/{draftId}/consent", new Dictionary<string, string> { ["TypedName"] = "" });
        var wrong = await session.SubmitAsync($"/book/{draftId}/consent", new Dictionary<string, string> { ["TypedName"] = "Someone Else" });

        empty.FieldMessage("TypedName").ShouldBe("Type your full name to sign.");
        wrong.FieldMessage("TypedName").ShouldBe("Type your full name as we have it: Olivia Bennett.");
        await using var db = Database.CreateContext();
        (await db.ConsentSignatures.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Confirming_twice_books_once()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));
        var page = await session.GetAsync($"/book/{draftId}/confirm");

        var results = await Task.WhenAll(
            session.SubmitAsync(page, new Dictionary<string, string>(), $"/book/{draftId}/confirm"),
            session.SubmitAsync(page, new Dictionary<string, string>(), $"/book/{draftId}/confirm"));
        var again = await session.SubmitAsync(page, new Dictionary<string, string>(), $"/book/{draftId}/confirm");

        results.ShouldAllBe(r => r.Status == HttpStatusCode.Redirect);
        results.Select(r => r.Location).Distinct().Count().ShouldBe(1);
        again.Location.ShouldBe(results[0].Location);
        await using var db = Database.CreateContext();
        (await db.Appointments.CountAsync()).ShouldBe(1);
        (await App.EmailsToAsync(client.Email!)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_time_taken_meanwhile_says_so_and_offers_the_nearest_open_times()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var start = TestClinic.At(10);
        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], start, clinic.Esthetician.Id);
        await clinic.BookAsync(Database, start, provider: clinic.Esthetician, room: clinic.RoomTwo, device: clinic.Dermapen);

        var page = await BookingFlows.ConfirmAsync(session, draftId);

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldContain("That time was just taken");
        var alternative = page.Document.QuerySelectorAll("button.time-slot").First().GetAttribute("value")!;
        var moved = await session.SubmitAsync(page, new Dictionary<string, string> { ["start"] = alternative }, $"/book/{draftId}/time");
        moved.Location.ShouldBe($"/book/{draftId}/confirm");
        (await BookingFlows.ConfirmAsync(session, draftId)).Status.ShouldBe(HttpStatusCode.Redirect);
        await using var db = Database.CreateContext();
        (await db.Appointments.CountAsync(a => a.ClientId == client.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task A_second_session_on_the_same_area_too_soon_is_refused_with_the_earliest_date()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var first = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));
        await BookingFlows.ConfirmAsync(session, first);

        var tooSoon = await session.GetAsync(BookingFlows.CheckoutUrl(clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10, day: TestClinic.Day.AddDays(14))));

        tooSoon.Status.ShouldBe(HttpStatusCode.OK);
        tooSoon.Text.ShouldContain("28 days between sessions on the cheeks");
        tooSoon.Text.ShouldContain($"The earliest date you can book is {TestClinic.Day.AddDays(28):dddd d MMMM}");
        tooSoon.Document.QuerySelector("form[action='/book/checkout'][method='post']").ShouldBeNull();
    }

    [Fact]
    public async Task Fifty_clients_racing_for_one_slot_get_one_booking_and_clear_answers()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var start = TestClinic.At(14);
        var racers = new List<(Infrastructure.WebSession Session, Guid DraftId)>();
        for (var i = 0; i < 50; i++)
        {
            var (session, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, $"Racer{i}", "Client");
            var started = await BookingFlows.StartAsync(session, clinic.Consultation.Id, [], start, clinic.Esthetician.Id);
            started.Location.ShouldEndWith("/confirm");
            racers.Add((session, BookingFlows.DraftIdFrom(started.Location!)));
        }

        var pages = await Task.WhenAll(racers.Select(async r =>
        {
            var page = await r.Session.GetAsync($"/book/{r.DraftId}/confirm");
            return await r.Session.SubmitAsync(page, new Dictionary<string, string>(), $"/book/{r.DraftId}/confirm");
        }));

        pages.Count(p => p.Status == HttpStatusCode.Redirect).ShouldBe(1);
        pages.Where(p => p.Status != HttpStatusCode.Redirect).ShouldAllBe(p => p.Status == HttpStatusCode.OK && p.Text.Contains("That time was just taken"));
        await using var db = Database.CreateContext();
        (await db.Appointments.CountAsync(a => a.ProviderId == clinic.Esthetician.Id && a.StartsAt == start)).ShouldBe(1);
        var overlaps = await db.Database.SqlQueryRaw<int>("""
            SELECT count(*)::int AS "Value" FROM appointments a JOIN appointments b ON a.id < b.id
            WHERE a.status NOT IN ('Cancelled','NoShow') AND b.status NOT IN ('Cancelled','NoShow')
              AND tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)
              AND (a.provider_id = b.provider_id OR a.room_id = b.room_id OR a.device_id = b.device_id)
            """).SingleAsync();
        overlaps.ShouldBe(0);
        foreach (var racer in racers)
        {
            racer.Session.Dispose();
        }
    }
}
