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

    [Fact]
    public async Task The_front_desk_drags_an_appointment_to_another_time_and_provider_and_a_taken_time_leaves_it_in_place()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var appointment = await clinic.BookAsync(Fixture.Database, TestClinic.At(10));
        await clinic.BookAsync(Fixture.Database, TestClinic.At(16), clinic.OtherEsthetician, clinic.RoomTwo, clinic.Dermapen);
        var page = await SignedInFrontDeskAsync();
        // The desk's screen, tall enough for the whole day: the mouse drops only on what is in view.
        await page.SetViewportSizeAsync(1280, 1700);
        await page.GotoAsync($"/front-desk?date={TestClinic.Day:yyyy-MM-dd}");
        await page.AssertNoSeriousViolationsAsync();

        var grid = page.Locator("#schedule-move");
        var opens = TimeOnly.Parse((await grid.GetAttributeAsync("data-opens"))!, System.Globalization.CultureInfo.InvariantCulture);
        var perMinute = double.Parse((await grid.GetAttributeAsync("data-ppm"))!, System.Globalization.CultureInfo.InvariantCulture);
        var card = page.Locator($"a.schedule-block[href='/front-desk/appointments/{appointment.Id}']");
        var sofia = page.Locator("section.schedule-column").Nth(await ColumnIndexAsync(page, "Sofia Chen"));
        float Y(int hour, int minute) => (float)(((new TimeOnly(hour, minute) - opens).TotalMinutes * perMinute) + 6);

        // A taken time (Sofia's 16:00, room 1 kept): the reschedule form's words, and the card stays at 10:00 with Maya.
        await card.DragToAsync(sofia, new() { SourcePosition = new() { X = 12, Y = 6 }, TargetPosition = new() { X = 20, Y = Y(16, 15) } });
        await page.Locator("#schedule-move-status").GetByText("That time is not open with this provider and room. Choose another.").WaitForAsync();
        (await card.InnerTextAsync()).ShouldContain("10:00 Test Client");
        (await ColumnOfAsync(card)).ShouldBe("Maya Lopez");
        await page.AssertNoSeriousViolationsAsync();

        // Dropped at 14:00 in Sofia's column with the mouse: moved there, still there after a reload.
        await card.HoverAsync(new() { Position = new() { X = 12, Y = 6 } });
        await page.Mouse.DownAsync();
        var target = await sofia.BoundingBoxAsync();
        await page.Mouse.MoveAsync(target!.X + 20, target.Y + Y(13, 0), new() { Steps = 5 });
        await page.Mouse.MoveAsync(target.X + 20, target.Y + Y(14, 0), new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await page.GetByText("The appointment is moved.").WaitForAsync();
        await page.ReloadAsync();
        (await card.InnerTextAsync()).ShouldContain("14:00 Test Client");
        (await ColumnOfAsync(card)).ShouldBe("Sofia Chen");
        await page.AssertNoSeriousViolationsAsync();

        // The keyboard way stays: the card opens the appointment, whose Reschedule page moves it without dragging.
        await card.FocusAsync();
        await card.PressAsync("Enter");
        await page.WaitForURLAsync($"**/front-desk/appointments/{appointment.Id}");
        (await page.Locator(".history").InnerTextAsync()).ShouldContain("14:00 with Sofia Chen in Room 1");
        await page.GetByRole(AriaRole.Link, new() { Name = "Reschedule" }).WaitForAsync();
    }

    private static async Task<int> ColumnIndexAsync(IPage page, string name)
    {
        var heads = await page.Locator(".schedule-head[id^='col-']").AllInnerTextsAsync();
        return heads.Select(h => h.Trim()).ToList().IndexOf(name);
    }

    /// <summary>The heading of the column a card is in.</summary>
    private static Task<string> ColumnOfAsync(ILocator card) =>
        card.EvaluateAsync<string>("el => document.getElementById(el.closest('section').getAttribute('aria-labelledby')).textContent.trim()");
}
