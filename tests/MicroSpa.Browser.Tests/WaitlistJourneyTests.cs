using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

public sealed class WaitlistJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private async Task<IPage> SignedInFrontDeskAsync()
    {
        var email = $"desk.{Guid.NewGuid():N}@clinic.test";
        await using (var scope = Fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var desk = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Desk" };
            (await users.CreateAsync(desk, "Sunscreen!30")).Succeeded.ShouldBeTrue();
            await users.AddToRoleAsync(desk, Roles.FrontDesk);
        }

        var page = await Fixture.NewPageAsync(new ViewportSize { Width = 1024, Height = 768 });
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("Sunscreen!30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/front-desk");
        return page;
    }

    [Fact]
    public async Task The_front_desk_cancels_an_appointment_and_the_waiting_client_books_the_offered_time()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        await clinic.BookAsync(Fixture.Database, TestClinic.At(10));
        var waiting = new Client("Wren", "Waiting", $"wren.{Guid.NewGuid():N}@example.com", "555-0142", DateTimeOffset.UtcNow);
        await using (var db = Fixture.Database.CreateContext())
        {
            db.Clients.Add(waiting);
            db.Attach(clinic.Facial);
            db.WaitlistEntries.Add(WaitlistEntry.Join(waiting.Id, clinic.Facial, [clinic.Cheeks.Id], null, TestClinic.Day.DayOfWeek.ToWeekDays(),
                new TimeOnly(9, 0), new TimeOnly(12, 0), null, TestClinic.Zone.Today(DateTimeOffset.UtcNow), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var desk = await SignedInFrontDeskAsync();
        await desk.GotoAsync($"/front-desk?date={TestClinic.Day:yyyy-MM-dd}");
        await desk.Locator("a.schedule-block").First.ClickAsync();
        await desk.WaitForURLAsync("**/front-desk/appointments/**");
        await desk.GetByLabel("Reason").SelectOptionAsync("ClientRequest");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Cancel appointment" }).ClickAsync();
        await desk.Locator("#status").GetByText("Cancelled").WaitForAsync();

        var match = desk.Locator(".waitlist-matches li");
        (await match.InnerTextAsync()).ShouldContain("Wren Waiting");
        await desk.AssertNoSeriousViolationsAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Offer this time to Wren Waiting" }).ClickAsync();
        await desk.Locator(".waitlist-matches").GetByText("Offered").WaitForAsync();

        var email = (await Fixture.App.EmailsToAsync(waiting.Email)).Single(m => m.Subject.Contains("a time opened up", StringComparison.Ordinal));
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(email.TextBody, @"https?://\S+/waitlist/offers/\S+").Value).PathAndQuery;
        var phone = await Fixture.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await phone.GotoAsync(link);
        await phone.AssertNoSeriousViolationsAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Book this time" }).ClickAsync();
        await phone.Locator("#offer-state").GetByText("You are booked").WaitForAsync();
        await phone.AssertNoSeriousViolationsAsync();

        await desk.ReloadAsync();
        await desk.Locator(".waitlist-matches").GetByText("Booked this time").WaitForAsync();
        await desk.GotoAsync($"/front-desk?date={TestClinic.Day:yyyy-MM-dd}");
        (await desk.Locator("a.schedule-block", new() { HasText = "Wren Waiting" }).CountAsync()).ShouldBe(1);
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
}
