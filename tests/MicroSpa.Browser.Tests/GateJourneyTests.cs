using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>The treatment gate walked end to end (decision 023).</summary>
public sealed class GateJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_phone_booking_that_arrives_with_nothing_is_screened_consented_cleared_charted_and_signed()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        await using (var db = Fixture.Database.CreateContext())
        {
            (await db.Services.SingleAsync(s => s.Id == clinic.Facial.Id)).RequireClearance(true);
            db.Products.Add(new Product("Hyaluronic acid serum", "Hydration", notForNeedledSkin: false));
            await db.SaveChangesAsync();
        }

        // A phone booking for now: no screening, no consent, and the facial needs a medical clearance.
        // Booked two minutes ahead on the clinic's today: in the last minutes before the clinic's midnight the
        // walk waits for the new day, since check-in is refused once the appointment's day is over.
        var local = TestClinic.Zone.ToLocal(DateTimeOffset.UtcNow);
        if (local.TimeOfDay >= new TimeSpan(23, 57, 0))
        {
            await Task.Delay(local.Date.AddDays(1).AddSeconds(5) - local);
        }

        var startsAt = DateTimeOffset.UtcNow.AddMinutes(2);
        var appointment = await clinic.BookAsync(Fixture.Database, startsAt);
        var card = $"/front-desk/appointments/{appointment.Id}";
        var desk = await SignedInAsync(Roles.FrontDesk);
        await desk.GotoAsync(card);
        var missing = await desk.Locator("#gate-missing").InnerTextAsync();
        missing.ShouldContain("clearance needed");
        missing.ShouldContain("No screening for this visit");
        missing.ShouldContain("No consent signed for this visit");
        await desk.AssertNoSeriousViolationsAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Check in" }).ClickAsync();
        await desk.Locator("#status").GetByText("Checked in").WaitForAsync();

        // Treatment cannot start yet: the page said why before anyone tried, and the refusal says it again.
        await desk.GetByRole(AriaRole.Button, new() { Name = "Start treatment" }).ClickAsync();
        await desk.GetByText("No screening for this visit: the client answers it on the check-in tablet.").First.WaitForAsync();

        // The tablet: screening, then consent.
        await desk.GetByRole(AriaRole.Link, new() { Name = "Screening and consent on the tablet" }).ClickAsync();
        await desk.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Test" }).WaitForAsync();
        var noes = desk.GetByLabel("No", new() { Exact = true });
        for (var i = 0; i < await noes.CountAsync(); i++)
        {
            await noes.Nth(i).CheckAsync();
        }

        await desk.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await desk.GetByLabel("Type your full name to sign").FillAsync("Test Client");
        await desk.GetByRole(AriaRole.Button, new() { Name = "I agree and sign" }).ClickAsync();
        await desk.Locator("#intake-done").WaitForAsync();
        (await desk.Locator("#intake-clearance").InnerTextAsync()).ShouldContain("short exam");
        await desk.AssertNoSeriousViolationsAsync();
        await desk.GotoAsync(card);
        (await desk.Locator("#gate-missing").InnerTextAsync()).ShouldContain("needs a medical clearance (good-faith exam) in force");

        // The provider opens the chart: it says what is still missing.
        var maya = await SignedInAsync(Roles.Esthetician, "maya.gate@clinic.test");
        await using (var db = Fixture.Database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "maya.gate@clinic.test");
            (await db.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id)).LinkAccount(user.Id);
            await db.SaveChangesAsync();
        }

        await maya.GotoAsync($"/provider?date={TestClinic.Zone.Today(startsAt):yyyy-MM-dd}");
        await maya.GetByText("Clearance needed").WaitForAsync();
        await maya.GetByRole(AriaRole.Button, new() { Name = "Open the chart for Test Client" }).ClickAsync();
        await maya.WaitForURLAsync("**/provider/charts/**");
        (await maya.Locator("#gate-missing").InnerTextAsync()).ShouldContain("the medical director examines the client first");
        await maya.AssertNoSeriousViolationsAsync();

        // The medical director examines and clears the client from the queue.
        var director = await SignedInAsync(Roles.MedicalDirector);
        await director.GotoAsync("/clearances");
        await director.AssertNoSeriousViolationsAsync();
        await director.GetByRole(AriaRole.Link, new() { Name = "Examine Test Client" }).ClickAsync();
        await director.GetByLabel("Credential").SelectOptionAsync("MD");
        await director.GetByLabel("How").SelectOptionAsync(new SelectOptionValue { Label = "By video" });
        await director.GetByLabel("Contraindications noted").FillAsync("History of cold sores: antiviral before each session");
        await director.AssertNoSeriousViolationsAsync();
        await director.GetByRole(AriaRole.Button, new() { Name = "Clear the client" }).ClickAsync();
        await director.GetByText("Clearance recorded.").WaitForAsync();
        (await director.Locator(".clearance-history").InnerTextAsync()).ShouldContain("In force until");

        // Now the desk starts the treatment and the provider charts and signs.
        await desk.GotoAsync(card);
        (await desk.Locator("#gate-missing").CountAsync()).ShouldBe(0);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Start treatment" }).ClickAsync();
        await desk.Locator("#status").GetByText("In treatment").WaitForAsync();

        await maya.ReloadAsync();
        (await maya.Locator("#gate-missing").CountAsync()).ShouldBe(0);
        await maya.GetByLabel("Fitzpatrick type").SelectOptionAsync("III");
        await maya.GetByLabel("Numbing agent").FillAsync("Lidocaine 23%");
        await maya.GetByLabel("Applied at").FillAsync("09:15");
        await maya.GetByLabel("Removed at").FillAsync("09:50");
        await maya.GetByLabel("Device").SelectOptionAsync(new SelectOptionValue { Label = "SkinPen 1 (SkinPen Precision, up to 2.5 mm in 0.25 mm steps)" });
        await maya.GetByLabel("Cartridge needles").FillAsync("12");
        await maya.GetByLabel("Cartridge lot").FillAsync("CART-77");
        await maya.GetByLabel("Cartridge expiry").FillAsync("2030-01-31");
        await maya.GetByLabel("Depth (mm), Cheeks").FillAsync("0.75");
        await maya.GetByLabel("Passes, Cheeks").FillAsync("4");
        await maya.GetByLabel("Serum, Cheeks").SelectOptionAsync(new SelectOptionValue { Label = "Hyaluronic acid serum" });
        await maya.GetByLabel("Serum lot, Cheeks").FillAsync("HA-11");
        await maya.GetByLabel("Endpoint, Cheeks").SelectOptionAsync("Both");
        await maya.GetByRole(AriaRole.Button, new() { Name = "Sign the chart" }).ClickAsync();
        await maya.Locator("#chart-state").GetByText("Signed by").WaitForAsync();
        await maya.AssertNoSeriousViolationsAsync();

        await using var check = Fixture.Database.CreateContext();
        (await check.TreatmentRecords.SingleAsync()).Status.ShouldBe(ChartStatus.Signed);
        (await check.Appointments.SingleAsync(a => a.Id == appointment.Id)).Status.ShouldBe(AppointmentStatus.InTreatment);
    }
}
