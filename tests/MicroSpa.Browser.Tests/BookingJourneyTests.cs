using System.Text.RegularExpressions;
using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Tests.Shared;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

public sealed partial class BookingJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_new_client_books_on_a_phone_sees_it_under_my_appointments_and_cancels_it()
    {
        await TestClinic.CreateAsync(Fixture.Database);
        var page = await Fixture.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });

        // Choose
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Book online" }).ClickAsync();
        await page.WaitForURLAsync("**/book");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { NameRegex = FacialService() }).ClickAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Cheeks").CheckAsync();
        await page.GetByLabel("From date").FillAsync(TestClinic.Day.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show open times" }).ClickAsync();

        // Pick a time
        await page.WaitForURLAsync("**/times**");
        await page.AssertNoSeriousViolationsAsync();
        var firstTime = page.Locator("button.time-slot").First;
        var chosen = (await firstTime.GetAttributeAsync("value"))!;
        await firstTime.ClickAsync();

        // Sign in or register, keeping the chosen time
        await page.WaitForURLAsync("**/account/sign-in**");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await page.GetByLabel("First name").FillAsync("Nora");
        await page.GetByLabel("Last name").FillAsync("Larsen");
        await page.GetByLabel("Email").FillAsync("nora.larsen@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Sunscreen!30");
        await page.GetByLabel("Confirm password").FillAsync("Sunscreen!30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/account/check-email**");
        await page.GotoAsync("/dev/mailbox");
        await page.Locator(".mail-message").Filter(new() { HasText = "nora.larsen@example.com" })
            .GetByRole(AriaRole.Link, new() { NameRegex = ConfirmLink() }).ClickAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync("nora.larsen@example.com");
        await page.GetByLabel("Password").FillAsync("Sunscreen!30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Back at the chosen time
        await page.WaitForURLAsync("**/book/checkout**");
        Uri.UnescapeDataString(page.Url).ShouldContain($"start={chosen}");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        // Screening
        await page.WaitForURLAsync("**/screening");
        await page.AssertNoSeriousViolationsAsync();
        foreach (var no in await page.Locator(".screening-question input[id$='-no']").AllAsync())
        {
            await no.CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        // Consent
        await page.WaitForURLAsync("**/consent");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Type your full name to sign").FillAsync("Nora Larsen");
        await page.GetByRole(AriaRole.Button, new() { Name = "I agree and sign" }).ClickAsync();

        // Confirm
        await page.WaitForURLAsync("**/confirm");
        await page.AssertNoSeriousViolationsAsync();
        (await page.GetByRole(AriaRole.Main).InnerTextAsync()).ShouldContain("$350.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm booking" }).ClickAsync();
        await page.GetByText("You're booked").WaitForAsync();
        await page.AssertNoSeriousViolationsAsync();

        // My appointments, then cancel
        await page.GotoAsync("/my/appointments");
        await page.AssertNoSeriousViolationsAsync();
        (await page.Locator(".appointment").CountAsync()).ShouldBe(1);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = CancelButton() }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel my appointment" }).ClickAsync();
        await page.GetByText("Your appointment is cancelled").WaitForAsync();
        await page.GotoAsync("/my/appointments");
        (await page.Locator(".appointment").CountAsync()).ShouldBe(0);
        await page.AssertNoSeriousViolationsAsync();

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        overflow.ShouldBeFalse("My appointments scrolls sideways on a phone");
    }

    [GeneratedRegex("Microneedling — face")]
    private static partial Regex FacialService();

    [GeneratedRegex("confirm-email")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex("^Cancel appointment")]
    private static partial Regex CancelButton();
}
