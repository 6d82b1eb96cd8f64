using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

public sealed class RescheduleAndCheckInJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private async Task<IPage> SignedInFrontDeskAsync()
    {
        var page = await SignedInAsync(Roles.FrontDesk, "desk@clinic.test");
        await page.WaitForURLAsync("**/front-desk");
        return page;
    }

    [Fact]
    public async Task The_front_desk_reschedules_an_appointment_to_another_provider()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        await clinic.BookAsync(Fixture.Database, TestClinic.At(10));
        var desk = await SignedInFrontDeskAsync();

        await desk.GotoAsync($"/front-desk?date={TestClinic.Day:yyyy-MM-dd}");
        await desk.Locator("a.schedule-block").First.ClickAsync();
        await desk.GetByRole(AriaRole.Link, new() { Name = "Reschedule" }).ClickAsync();
        await desk.GetByLabel("Provider").SelectOptionAsync(new SelectOptionValue { Label = "Sofia Chen" });
        await desk.GetByRole(AriaRole.Button, new() { Name = "Update times" }).ClickAsync();
        await desk.AssertNoSeriousViolationsAsync();
        await desk.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^2:00") }).First.ClickAsync();

        await desk.WaitForURLAsync("**/front-desk/appointments/**");
        var details = await desk.Locator("dl").InnerTextAsync();
        details.ShouldContain("Sofia Chen");
        details.ShouldNotContain("10:00");
        details.ShouldContain("2:00");
        (await desk.Locator(".history").InnerTextAsync()).ShouldContain("Moved");
    }

    [Fact]
    public async Task A_phone_client_completes_screening_and_consent_on_the_tablet_at_check_in()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        // Check-in opens on the day: the client is due in a few minutes.
        var appointment = await clinic.BookAsync(Fixture.Database, TestClinic.SoonToday());
        var desk = await SignedInFrontDeskAsync();
        await desk.GotoAsync($"/front-desk/appointments/{appointment.Id}");
        await desk.GetByRole(AriaRole.Link, new() { Name = "Screening and consent on the tablet" }).ClickAsync();

        await desk.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Test" }).WaitForAsync();
        await desk.AssertNoSeriousViolationsAsync();
        var noes = desk.GetByLabel("No", new() { Exact = true });
        for (var i = 0; i < await noes.CountAsync(); i++)
        {
            await noes.Nth(i).CheckAsync();
        }

        await desk.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await desk.GetByLabel("Type your full name to sign").FillAsync("Test Client");
        await desk.AssertNoSeriousViolationsAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "I agree and sign" }).ClickAsync();
        await desk.Locator("#intake-done").WaitForAsync();
        await desk.AssertNoSeriousViolationsAsync();

        await desk.GetByRole(AriaRole.Link, new() { Name = "Staff: back to the appointment" }).ClickAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Check in" }).ClickAsync();
        await desk.Locator("#status").GetByText("Checked in").WaitForAsync();
        (await desk.Locator("dl").InnerTextAsync()).ShouldContain("Signed");
    }
}
