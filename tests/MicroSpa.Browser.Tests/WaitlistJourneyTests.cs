using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

public sealed class WaitlistJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private async Task<IPage> SignedInFrontDeskAsync()
    {
        var page = await SignedInAsync(Roles.FrontDesk, "desk@clinic.test");
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

        var email = (await Fixture.App.EmailsToAsync(waiting.Email!)).Single(m => m.Subject.Contains("a time opened up", StringComparison.Ordinal));
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
}
