using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>
/// Issue 22: the client due in a few minutes opens the day-of reminder on a phone, taps "I'm here", answers the
/// screening and signs the consent there, and the desk sees the visit checked in with nothing left for the tablet.
/// </summary>
public sealed class ArrivalJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_client_checks_in_from_the_reminder_on_a_phone_and_answers_screening_and_consent_there()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var appointment = await clinic.BookAsync(Fixture.Database, TestClinic.SoonToday());
        await using (var scope = Fixture.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderScheduler>().ScheduleAsync(CancellationToken.None);
        }

        await using (var db = Fixture.Database.CreateContext())
        {
            (await db.Outbox.CountAsync(m => m.Kind == "dayof-reminder")).ShouldBe(1, "the day-of reminder is queued");
        }

        // The outbox goes out as the app's dispatcher sends it (the worker is off in tests); the mailbox shows what reached the client.
        await Fixture.App.DispatchOutboxAsync();
        var phone = await Fixture.NewPageAsync(new ViewportSize { Width = 390, Height = 844 }, touch: true);
        await phone.GotoAsync("/dev/mailbox");
        var link = phone.Locator(".mail-message a[href*='/here/']");
        (await link.CountAsync()).ShouldBe(1, "the reminder with its link reached the client");
        await link.First.ClickAsync();
        await phone.WaitForURLAsync("**/here/**");
        await phone.GetByRole(AriaRole.Heading, new() { Name = "Your visit today" }).WaitForAsync();
        await phone.AssertNoSeriousViolationsAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "I'm here" }).TapAsync();

        await phone.Locator("#arrival-checked-in").WaitForAsync();
        await phone.AssertNoSeriousViolationsAsync();
        var noes = phone.GetByLabel("No", new() { Exact = true });
        for (var i = 0; i < await noes.CountAsync(); i++)
        {
            await noes.Nth(i).CheckAsync();
        }

        await phone.GetByRole(AriaRole.Button, new() { Name = "Continue" }).TapAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "I agree and sign" }).WaitForAsync();
        await phone.AssertNoSeriousViolationsAsync();
        await phone.Locator("#Consent_TypedName").FillAsync("Test Client");
        await phone.GetByRole(AriaRole.Button, new() { Name = "I agree and sign" }).TapAsync();
        await phone.GetByRole(AriaRole.Heading, new() { Name = "You're all set" }).WaitForAsync();
        (await phone.Locator("#arrival-done").InnerTextAsync()).ShouldContain("You're checked in");
        await phone.AssertNoSeriousViolationsAsync();

        var desk = await SignedInAsync(Roles.FrontDesk, "desk@clinic.test");
        await desk.GotoAsync($"/front-desk/appointments/{appointment.Id}");
        await desk.Locator("#status").GetByText("Checked in").WaitForAsync();
        (await desk.Locator("dl").InnerTextAsync()).ShouldContain("Signed");
        (await desk.Locator(".history").InnerTextAsync()).ShouldContain("link");
    }
}
