using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

public sealed class FrontDeskJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private async Task<IPage> SignedInFrontDeskAsync()
    {
        var page = await SignedInAsync(Roles.FrontDesk, "desk@clinic.test");
        await page.WaitForURLAsync("**/front-desk");
        return page;
    }

    [Fact]
    public async Task The_front_desk_opens_the_day_with_the_keyboard_and_checks_a_client_in()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        await clinic.BookAsync(Fixture.Database, TestClinic.At(10));
        var page = await SignedInFrontDeskAsync();

        await page.GotoAsync($"/front-desk?date={TestClinic.Day:yyyy-MM-dd}");
        await page.AssertNoSeriousViolationsAsync();
        var block = page.Locator("a.schedule-block").First;
        (await block.InnerTextAsync()).ShouldContain("Test Client");
        // Focus the block and press Enter on it (the key goes to the focused block, not wherever focus drifted).
        await block.FocusAsync();
        (await block.EvaluateAsync<bool>("el => el === document.activeElement")).ShouldBeTrue();
        await block.PressAsync("Enter");

        await page.WaitForURLAsync("**/front-desk/appointments/**");
        await page.AssertNoSeriousViolationsAsync();

        // Three days ahead is too early: check-in opens on the day, an hour before the start.
        await page.GetByRole(AriaRole.Button, new() { Name = "Check in" }).ClickAsync();
        await page.GetByText("check-in opens that day at 09:00").WaitForAsync();
        (await page.Locator("#status").InnerTextAsync()).ShouldContain("Booked");

        var today = await clinic.BookAsync(Fixture.Database, TestClinic.SoonToday(), clinic.OtherEsthetician);
        await page.GotoAsync($"/front-desk/appointments/{today.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check in" }).ClickAsync();
        await page.Locator("#status").GetByText("Checked in").WaitForAsync();
        (await page.Locator(".history").InnerTextAsync()).ShouldContain("desk@clinic.test");
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync($"/front-desk?date={TestClinic.Day:yyyy-MM-dd}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Maya Lopez" }).ClickAsync();
        await page.WaitForURLAsync("**/front-desk/week**");
        (await page.Locator("a.schedule-block").CountAsync()).ShouldBe(1);
        await page.AssertNoSeriousViolationsAsync();
        await page.GotoAsync($"/front-desk/run-sheet?date={TestClinic.Day:yyyy-MM-dd}");
        (await page.Locator(".run-sheet-provider").CountAsync()).ShouldBe(1);
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task The_front_desk_books_a_phone_client_into_an_open_time()
    {
        await TestClinic.CreateAsync(Fixture.Database);
        var page = await SignedInFrontDeskAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Book a client" }).ClickAsync();
        await page.GetByLabel("Name, email or phone").FillAsync("test cli");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Book for Test Client" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Microneedling") }).ClickAsync();
        await page.GetByLabel("Cheeks").CheckAsync();
        await page.GetByLabel("From date").FillAsync(TestClinic.Day.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Update times" }).ClickAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.Locator("button.time-slot").First.ClickAsync();

        await page.WaitForURLAsync("**/front-desk/appointments/**");
        (await page.Locator("#status").InnerTextAsync()).ShouldContain("Booked");
        (await page.Locator(".history").InnerTextAsync()).ShouldContain("Booked by the front desk");
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync("/front-desk/clients?q=test");
        await page.GetByRole(AriaRole.Link, new() { Name = "Test Client", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save details" }).WaitForAsync();
        (await page.Locator(".upcoming li").CountAsync()).ShouldBe(1);
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync("/front-desk/providers");
        await page.GetByRole(AriaRole.Link, new() { Name = "Maya Lopez" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save hours" }).WaitForAsync();
        await page.AssertNoSeriousViolationsAsync();
    }
}
