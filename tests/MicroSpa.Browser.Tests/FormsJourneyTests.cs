using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>The forms the clinic owns (the consent text) and the consultation record, in the browser.</summary>
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
            var screening = Screening.Record(client.Id, ScreeningQuestionnaire.Questions(6).ToDictionary(q => q.Code, _ => false), 6, DateTimeOffset.UtcNow);
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
