using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>The forms the clinic owns (the consent text, the screening questions) and the consultation record, in the browser.</summary>
public sealed class FormsJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string NewParagraph = "Exosome serums may be applied after needling; tell us about any allergy to them.";

    [Fact]
    public async Task The_medical_director_publishes_a_new_consent_and_the_client_reads_and_signs_it_on_the_check_in_tablet()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var appointment = await clinic.BookAsync(Fixture.Database, TestClinic.At(10));
        await using (var db = Fixture.Database.CreateContext())
        {
            var saved = await db.Appointments.SingleAsync(a => a.Id == appointment.Id);
            var client = await db.Clients.SingleAsync(c => c.Id == clinic.Client.Id);
            var questions = await db.ScreeningQuestionnaires.SingleAsync(q => q.Version == 1);
            var screening = Screening.Record(client.Id, questions, questions.Questions.ToDictionary(q => q.Code, _ => false), DateTimeOffset.UtcNow);
            var signature = ConsentSignature.Sign(client, await db.ConsentForms.SingleAsync(f => f.Version == 1), client.FullName, false,
                DateTimeOffset.UtcNow, "127.0.0.1", "tests");
            db.AddRange(screening, signature);
            saved.RecordCheckInScreening(screening, TestClinic.By);
            saved.RecordCheckInConsent(signature, TestClinic.By);
            await db.SaveChangesAsync();
        }

        var director = await SignedInAsync(Roles.MedicalDirector);
        await director.GotoAsync("/clinical-settings");
        await director.GetByRole(AriaRole.Link, new() { Name = "Consent text (versions)" }).ClickAsync();
        await director.WaitForURLAsync("**/clinical-settings/consent");
        await director.AssertNoSeriousViolationsAsync();
        var body = director.GetByLabel("Consent text");
        await body.FillAsync(await body.InputValueAsync() + "\n\n" + NewParagraph);
        await director.GetByRole(AriaRole.Button, new() { Name = "Publish as version 2" }).ClickAsync();
        await director.Locator("#consent-current").Filter(new() { HasText = "Version 2 is current" }).WaitForAsync();
        await director.AssertNoSeriousViolationsAsync();

        var desk = await SignedInAsync(Roles.FrontDesk);
        await desk.GotoAsync($"/front-desk/appointments/{appointment.Id}");
        (await desk.Locator("#gate-missing").InnerTextAsync()).ShouldContain("The consent signed is version 1");
        await desk.GetByRole(AriaRole.Link, new() { Name = "Screening and consent on the tablet" }).ClickAsync();
        await desk.Locator("#consent-updated").WaitForAsync();
        await desk.AssertNoSeriousViolationsAsync();
        (await desk.Locator(".consent-text").InnerTextAsync()).ShouldContain(NewParagraph);
        await desk.GetByLabel("Type your full name to sign").FillAsync("Test Client");
        await desk.GetByRole(AriaRole.Button, new() { Name = "I agree and sign" }).ClickAsync();
        await desk.Locator("#intake-done").WaitForAsync();

        await using var check = Fixture.Database.CreateContext();
        var visit = await check.Appointments.SingleAsync(a => a.Id == appointment.Id);
        (await check.ConsentSignatures.SingleAsync(s => s.Id == visit.ConsentSignatureId)).FormVersion.ShouldBe(2);
    }

    [Fact]
    public async Task The_medical_director_rewords_a_question_and_adds_a_hard_stop_the_tablet_asks_it_and_a_yes_blocks_treatment()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);

        // A phone booking two minutes ahead on the clinic's today (check-in is refused once its day is over, so
        // in the last minutes before the clinic's midnight the walk waits for the new day).
        var local = TestClinic.Zone.ToLocal(DateTimeOffset.UtcNow);
        if (local.TimeOfDay >= new TimeSpan(23, 57, 0))
        {
            await Task.Delay(local.Date.AddDays(1).AddSeconds(5) - local);
        }

        var appointment = await clinic.BookAsync(Fixture.Database, DateTimeOffset.UtcNow.AddMinutes(2));

        var director = await SignedInAsync(Roles.MedicalDirector, "dr.ward.forms@clinic.test");
        await director.GotoAsync("/clinical-settings");
        await director.GetByRole(AriaRole.Link, new() { Name = "Screening questions (versions)" }).ClickAsync();
        await director.WaitForURLAsync("**/clinical-settings/screening");
        await director.AssertNoSeriousViolationsAsync();
        var keloid = director.Locator("fieldset.screening-row[data-code=keloid]");
        await keloid.GetByLabel("Question", new() { Exact = true }).FillAsync("Do you scar easily, or form raised (keloid) scars?");
        var added = director.Locator("fieldset.new-question").First;
        await added.GetByLabel("Code").FillAsync("vaccine");
        await added.GetByLabel("Question", new() { Exact = true }).FillAsync("Have you had a vaccination in the last {washout}?");
        await added.GetByLabel("A yes means").SelectOptionAsync("HardStop");
        await added.GetByLabel("Why a yes matters").FillAsync("Needling waits until a recent vaccination has settled.");
        await added.GetByLabel("Washout unit").SelectOptionAsync("Days");

        // A washout without its number is refused on the field, and nothing is published.
        await director.GetByRole(AriaRole.Button, new() { Name = "Publish as version 2" }).ClickAsync();
        await director.Locator("fieldset.new-question").First.Locator(".field-message")
            .Filter(new() { HasText = "Enter the washout as a number" }).WaitForAsync();
        (await director.Locator("#screening-current").InnerTextAsync()).ShouldContain("Version 1 is current");
        await director.AssertNoSeriousViolationsAsync();

        added = director.Locator("fieldset.new-question").First;
        await added.GetByLabel("Washout", new() { Exact = true }).FillAsync("7");
        await director.GetByRole(AriaRole.Button, new() { Name = "Publish as version 2" }).ClickAsync();
        await director.Locator("#screening-current").Filter(new() { HasText = "Version 2 is current" }).WaitForAsync();
        (await director.Locator("#screening-current").InnerTextAsync()).ShouldContain("by dr.ward.forms@clinic.test");
        await director.AssertNoSeriousViolationsAsync();

        // The tablet asks the new version; a yes to the new hard stop.
        var desk = await SignedInAsync(Roles.FrontDesk);
        await desk.GotoAsync($"/front-desk/appointments/{appointment.Id}");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Check in" }).ClickAsync();
        await desk.Locator("#status").GetByText("Checked in").WaitForAsync();
        await desk.GetByRole(AriaRole.Link, new() { Name = "Screening and consent on the tablet" }).ClickAsync();
        await desk.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Test" }).WaitForAsync();
        await desk.GetByText("Do you scar easily, or form raised (keloid) scars?").WaitForAsync();
        (await desk.GetByText("Do you form keloids or raised (hypertrophic) scars?").CountAsync()).ShouldBe(0);
        var noes = desk.GetByLabel("No", new() { Exact = true });
        for (var i = 0; i < await noes.CountAsync(); i++)
        {
            await noes.Nth(i).CheckAsync();
        }

        await desk.Locator("fieldset.screening-question", new() { HasText = "Have you had a vaccination in the last 7 days?" })
            .GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await desk.AssertNoSeriousViolationsAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await desk.GetByLabel("Type your full name to sign").FillAsync("Test Client");
        await desk.GetByRole(AriaRole.Button, new() { Name = "I agree and sign" }).ClickAsync();
        await desk.Locator("#intake-done").WaitForAsync();

        // The hard stop shuts the gate: treatment does not start.
        await desk.GotoAsync($"/front-desk/appointments/{appointment.Id}");
        (await desk.Locator("#gate-missing").InnerTextAsync()).ShouldContain("The screening has a hard stop");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Start treatment" }).ClickAsync();
        await desk.GetByText("The screening has a hard stop: no needling until the medical director examines the client and clears them.").First.WaitForAsync();

        await using var check = Fixture.Database.CreateContext();
        var visit = await check.Appointments.SingleAsync(a => a.Id == appointment.Id);
        visit.Status.ShouldBe(AppointmentStatus.CheckedIn);
        var screening = await check.Screenings.SingleAsync(s => s.Id == visit.ScreeningId);
        screening.QuestionnaireVersion.ShouldBe(2);
        screening.Outcome.ShouldBe(ScreeningOutcome.HardStop);
    }

    [Fact]
    public async Task A_consultation_is_recorded_and_signed_without_device_depth_or_numbing()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        await using (var db = Fixture.Database.CreateContext())
        {
            db.AttachRange(clinic.Client, clinic.Consultation, clinic.Esthetician, clinic.RoomOne);
            var consultation = Appointment.Book(clinic.Client, clinic.Consultation, clinic.Esthetician, clinic.RoomOne, null, [], TestClinic.At(10),
                BookingSource.FrontDesk, TestClinic.Now, TestClinic.By);
            consultation.CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
            db.Appointments.Add(consultation);
            await db.SaveChangesAsync();
        }

        var maya = await SignedInAsync(Roles.Esthetician, "maya.consult@clinic.test");
        await using (var db = Fixture.Database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "maya.consult@clinic.test");
            (await db.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id)).LinkAccount(user.Id);
            await db.SaveChangesAsync();
        }

        await maya.GotoAsync($"/provider?date={TestClinic.Day:yyyy-MM-dd}");
        await maya.GetByRole(AriaRole.Button, new() { Name = "Open the chart for Test Client" }).ClickAsync();
        await maya.WaitForURLAsync("**/provider/consultations/**");
        await maya.AssertNoSeriousViolationsAsync();
        (await maya.Locator("#sign-needs").InnerTextAsync()).ShouldContain("Write the recommended plan");
        (await maya.GetByLabel("Numbing agent").CountAsync()).ShouldBe(0);
        (await maya.GetByLabel("Device").CountAsync()).ShouldBe(0);

        await maya.GetByLabel("Fitzpatrick type").SelectOptionAsync("IV");
        await maya.GetByLabel("Skin assessment").FillAsync("Rolling acne scars on both cheeks");
        await maya.GetByLabel("Acne scars").CheckAsync();
        await maya.GetByLabel("Findings").FillAsync("No active acne");
        await maya.GetByLabel("Recommended plan").FillAsync("Four sessions on the cheeks, five weeks apart");
        await maya.GetByRole(AriaRole.Button, new() { Name = "Sign the consultation record" }).ClickAsync();
        await maya.Locator("#chart-state").Filter(new() { HasText = "Signed by" }).WaitForAsync();
        await maya.AssertNoSeriousViolationsAsync();
    }
}
