using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.CheckIn;

/// <summary>Screening and consent on the clinic's tablet at check-in, for a visit booked without them.</summary>
public sealed class CheckInIntakeTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task A_phone_client_answers_and_signs_on_the_tablet_and_the_card_shows_only_that_it_is_done()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var card = await desk.GetAsync($"/front-desk/appointments/{appointment.Id}");
        card.Document.QuerySelector($"a[href='/front-desk/appointments/{appointment.Id}/intake']").ShouldNotBeNull();
        var intake = $"/front-desk/appointments/{appointment.Id}/intake";

        var tablet = await desk.GetAsync(intake);
        tablet.Text.ShouldContain("Welcome, Test");
        tablet.Document.QuerySelector("nav").ShouldBeNull("the tablet shows nothing of the front desk");
        var answered = await desk.SubmitAsync(tablet, BookingFlows.Answers("anticoagulant"), $"{intake}/screening");
        answered.Location.ShouldBe(intake);
        var consent = await desk.FollowAsync(answered);
        consent.Document.QuerySelector(".consent-text").ShouldNotBeNull();

        var wrongName = await desk.SubmitAsync(consent, new Dictionary<string, string> { ["Consent.TypedName"] = "Someone Else" }, $"{intake}/consent");
        wrongName.Status.ShouldBe(HttpStatusCode.OK);
        wrongName.FieldMessage("Consent_TypedName").ShouldBe("Type your full name as we have it: Test Client.");
        var signed = await desk.SubmitAsync(consent, new Dictionary<string, string> { ["Consent.TypedName"] = "test client" }, $"{intake}/consent");
        (await desk.FollowAsync(signed)).Document.GetElementById("intake-done")!.TextContent.ShouldContain("hand the tablet back");

        var after = await desk.GetAsync($"/front-desk/appointments/{appointment.Id}");
        var details = after.Document.QuerySelector("dl")!.TextContent;
        details.ShouldContain("Complete — needs provider review");
        details.ShouldContain("Signed");
        after.Text.ShouldNotContain("blood thinners");
        after.Document.QuerySelector($"a[href='{intake}']").ShouldBeNull();
        after.Document.QuerySelector(".history")!.TextContent.ShouldContain("Screening answered at check-in: needs provider review");
        await using var db = Database.CreateContext();
        var saved = await db.Appointments.SingleAsync(a => a.Id == appointment.Id);
        saved.ScreeningId.ShouldNotBeNull();
        saved.ConsentSignatureId.ShouldNotBeNull();
        (await db.Screenings.SingleAsync()).ClientId.ShouldBe(clinic.Client.Id);
    }

    [Fact]
    public async Task Unanswered_questions_are_marked_and_nothing_is_saved()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var intake = $"/front-desk/appointments/{appointment.Id}/intake";
        var answers = BookingFlows.Answers();
        answers.Remove("Answers[pregnant]");

        var page = await desk.PostAsync(await desk.GetAsync(intake), $"{intake}/screening", answers);

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.GetElementById("q-pregnant-error")!.TextContent.ShouldContain("Answer yes or no.");
        await using var db = Database.CreateContext();
        (await db.Screenings.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_cancelled_visit_takes_no_intake_and_only_staff_open_the_tablet()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        var intake = $"/front-desk/appointments/{appointment.Id}/intake";
        using var nurse = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Nurse);
        (await nurse.GetAsync(intake)).Status.ShouldBe(HttpStatusCode.OK, "the chart links a provider to the tablet intake");
        var (client, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        using (client)
        {
            (await client.GetAsync(intake)).Location!.ShouldContain("/account/access-denied");
        }

        await using (var db = Database.CreateContext())
        {
            var saved = await db.Appointments.SingleAsync(a => a.Id == appointment.Id);
            saved.Cancel(Domain.Scheduling.CancellationReason.Clinic, null, TimeSpan.Zero, DateTimeOffset.UtcNow, TestClinic.By);
            await db.SaveChangesAsync();
        }

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        (await desk.GetAsync(intake)).Status.ShouldBe(HttpStatusCode.NotFound);
        var posted = await desk.PostAsync(await desk.GetAsync("/front-desk"), $"{intake}/screening", BookingFlows.Answers());
        posted.Status.ShouldBe(HttpStatusCode.NotFound);
        await using var check = Database.CreateContext();
        (await check.Screenings.CountAsync()).ShouldBe(0);
    }
}
