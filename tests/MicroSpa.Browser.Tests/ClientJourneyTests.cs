using System.Text.RegularExpressions;
using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>
/// Issue 22's client journey walked again on a phone, with none of the stumbles: the kept time on the sign-in pages,
/// the service's areas ticked, the provider named, the honest cancellation sentence, the reschedule marks, and a
/// cancellation asked for, undone and made again. Every page is axe-clean.
/// </summary>
public sealed partial class ClientJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_new_client_books_on_a_phone_moves_nothing_by_surprise_cancels_undoes_and_cancels_again()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var page = await Fixture.NewPageAsync(PaymentJourneys.Phone);

        // Home → book → the service, its area already ticked
        await page.GotoAsync("/");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Book online" }).ClickAsync();
        await page.WaitForURLAsync("**/book");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = FacialService() }).ClickAsync();
        await page.AssertNoSeriousViolationsAsync();
        (await page.GetByLabel("Cheeks").IsCheckedAsync()).ShouldBeTrue("the service's areas start ticked");
        await page.GetByLabel("From date").FillAsync(TestClinic.Day.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show open times" }).ClickAsync();

        // The first open time that day
        await page.WaitForURLAsync("**/times**");
        await page.AssertNoSeriousViolationsAsync();
        var firstTime = page.Locator("button.time-slot").First;
        var chosen = (await firstTime.GetAttributeAsync("value"))!;
        var label = (await firstTime.InnerTextAsync()).Split(',')[0].Trim();
        await firstTime.ClickAsync();

        // The sign-in page says why, shows the time and keeps it
        await page.WaitForURLAsync("**/account/sign-in**");
        await page.AssertNoSeriousViolationsAsync();
        var kept = page.Locator("#kept-time");
        (await kept.InnerTextAsync()).ShouldContain("Microneedling — face");
        (await kept.InnerTextAsync()).ShouldContain("We keep it while you sign in or create an account");
        (await page.Locator("#kept-time-when").InnerTextAsync()).ShouldContain(label);
        var provider = (await page.Locator("#kept-time-provider").InnerTextAsync()).Trim();
        provider.ShouldBeOneOf("Maya Lopez", "Sofia Chen");

        // The menu's Create account keeps the time too
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/account/register**");
        await page.AssertNoSeriousViolationsAsync();
        (await page.Locator("#kept-time-when").InnerTextAsync()).ShouldContain(label);
        await page.GetByLabel("First name").FillAsync("Ines");
        await page.GetByLabel("Last name").FillAsync("Moreau");
        await page.GetByLabel("Email").FillAsync("ines.moreau@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Sunscreen!30");
        await page.GetByLabel("Confirm password").FillAsync("Sunscreen!30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        // Check your email: the booking is waiting, and what to do next
        await page.WaitForURLAsync("**/account/check-email**");
        await page.AssertNoSeriousViolationsAsync();
        var waiting = await page.Locator("#kept-time").InnerTextAsync();
        waiting.ShouldContain("Your time is waiting");
        waiting.ShouldContain(label);
        waiting.ShouldContain("open the link in the email we just sent you");

        // Confirm the address from the email, sign in, back at the time
        await page.GotoAsync("/dev/mailbox");
        await page.Locator(".mail-message").Filter(new() { HasText = "ines.moreau@example.com" })
            .GetByRole(AriaRole.Link, new() { NameRegex = ConfirmLink() }).ClickAsync();
        await page.GetByText("Your email is confirmed").WaitForAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/account/sign-in**");
        (await page.Locator("#kept-time-when").InnerTextAsync()).ShouldContain(label);
        await page.GetByLabel("Email").FillAsync("ines.moreau@example.com");
        await page.GetByLabel("Password").FillAsync("Sunscreen!30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/book/checkout**");
        Uri.UnescapeDataString(page.Url).ShouldContain($"start={chosen}");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        // Screening and consent
        await page.WaitForURLAsync("**/screening");
        await page.AssertNoSeriousViolationsAsync();
        foreach (var no in await page.Locator(".screening-question input[id$='-no']").AllAsync())
        {
            await no.CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/consent");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Type your full name to sign").FillAsync("Ines Moreau");
        await page.GetByRole(AriaRole.Button, new() { Name = "I agree and sign" }).ClickAsync();

        // Confirm: the provider the time was found for, and the cancellation sentence true for this time (three days ahead)
        await page.WaitForURLAsync("**/confirm");
        await page.AssertNoSeriousViolationsAsync();
        (await page.Locator("#confirm-provider").InnerTextAsync()).ShouldContain($"{provider} (free at this time");
        (await page.GetByRole(AriaRole.Main).InnerTextAsync()).ShouldNotContain("Any available provider");
        (await page.Locator("#cancellation-terms").InnerTextAsync()).ShouldContain("Free to cancel or reschedule online until 24 hours before");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm booking" }).ClickAsync();
        await page.GetByText("You're booked").WaitForAsync();
        await page.AssertNoSeriousViolationsAsync();
        (await page.GetByRole(AriaRole.Main).InnerTextAsync()).ShouldContain(provider);

        // My appointments → reschedule: the own time marked, times inside the cutoff marked as locking
        await page.GotoAsync("/my/appointments");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Reschedule" }).ClickAsync();
        await page.WaitForURLAsync("**/reschedule**");
        await page.AssertNoSeriousViolationsAsync();
        var own = page.Locator(".time-slot-current");
        (await own.CountAsync()).ShouldBe(1);
        (await own.InnerTextAsync()).ShouldContain(label);
        (await own.InnerTextAsync()).ShouldContain("your time now");
        (await page.Locator($"button.time-slot[value='{chosen}']").CountAsync()).ShouldBe(0, "the own time is not offered as an open time");
        (await page.Locator("button.time-slot-noted").First.InnerTextAsync()).ShouldContain("can’t be changed online");
        (await page.Locator("#time-marks").InnerTextAsync()).ShouldContain("less than 24 hours away");

        // Cancel: asked first, with the policy
        await page.GotoAsync("/my/appointments");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = CancelLink() }).ClickAsync();
        await page.WaitForURLAsync("**/cancel");
        await page.AssertNoSeriousViolationsAsync();
        (await page.Locator("#cancel-policy").InnerTextAsync()).ShouldContain("free of charge until 24 hours before");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel my appointment" }).ClickAsync();
        await page.GetByText("Your appointment is cancelled").WaitForAsync();
        await page.AssertNoSeriousViolationsAsync();

        // Undo while the time is still free
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo the cancellation" }).ClickAsync();
        await page.GetByText("Your cancellation is undone").WaitForAsync();
        await page.AssertNoSeriousViolationsAsync();
        await using (var db = Fixture.Database.CreateContext())
        {
            var appointment = await db.Appointments.AsNoTracking().SingleAsync();
            appointment.Status.ShouldBe(AppointmentStatus.Booked);
            appointment.StartsAt.ShouldBe(DateTimeOffset.Parse(chosen, System.Globalization.CultureInfo.InvariantCulture));
        }

        // And cancel again, for good
        await page.GotoAsync("/my/appointments");
        (await page.Locator(".appointment").CountAsync()).ShouldBe(1);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = CancelLink() }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel my appointment" }).ClickAsync();
        await page.GetByText("Your appointment is cancelled").WaitForAsync();
        await page.GotoAsync("/my/appointments");
        (await page.Locator(".appointment").CountAsync()).ShouldBe(0);
        await page.AssertNoSeriousViolationsAsync();
        await using (var db = Fixture.Database.CreateContext())
        {
            (await db.Appointments.AsNoTracking().SingleAsync()).Status.ShouldBe(AppointmentStatus.Cancelled);
        }

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        overflow.ShouldBeFalse("My appointments scrolls sideways on a phone");
    }

    [GeneratedRegex("Microneedling — face")]
    private static partial Regex FacialService();

    [GeneratedRegex("confirm-email")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex("^Cancel appointment")]
    private static partial Regex CancelLink();
}
