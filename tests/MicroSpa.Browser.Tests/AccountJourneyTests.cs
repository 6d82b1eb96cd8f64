using System.Text.RegularExpressions;
using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

public sealed partial class AccountJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_nurse_sees_where_she_is_signed_in_and_signs_out_everywhere()
    {
        var page = await SignedInAsync(Roles.Nurse, "nina.sessions@clinic.test");

        await page.GetByRole(AriaRole.Link, new() { Name = "Signed in as nina.sessions@clinic.test" }).ClickAsync();
        await page.WaitForURLAsync("**/account/sessions");
        await page.AssertNoSeriousViolationsAsync();
        (await page.Locator(".sessions li").CountAsync()).ShouldBe(1);
        (await page.Locator(".sessions li").InnerTextAsync()).ShouldContain("This device");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();

        await page.WaitForURLAsync("**/account/sign-in");
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("You are signed out");
        await page.GotoAsync("/provider");
        await page.WaitForURLAsync("**/account/sign-in**");
    }

    [Fact]
    public async Task A_visitor_registers_confirms_their_email_from_the_mailbox_and_signs_in()
    {
        var page = await Fixture.NewPageAsync();

        await page.GotoAsync("/");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("MicroSpa Clinic");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/account/register");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("First name").FillAsync("Olivia");
        await page.GetByLabel("Last name").FillAsync("Bennett");
        await page.GetByLabel("Email").FillAsync("olivia.browser@example.com");
        await page.GetByLabel("Mobile phone (optional)").FillAsync("555-0142");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Sunscreen!30");
        await page.GetByLabel("Confirm password").FillAsync("Sunscreen!30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await page.WaitForURLAsync("**/account/check-email");
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync("/dev/mailbox");
        await page.AssertNoSeriousViolationsAsync();
        var message = page.Locator(".mail-message").Filter(new() { HasText = "olivia.browser@example.com" });
        await message.GetByRole(AriaRole.Link, new() { NameRegex = ConfirmLink() }).ClickAsync();

        await page.WaitForURLAsync("**/account/confirm-email**");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Your email is confirmed");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/account/sign-in");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Email").FillAsync("olivia.browser@example.com");
        await page.GetByLabel("Password").FillAsync("Sunscreen!30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync("**/my/appointments");
        (await page.GetByText("Signed in as olivia.browser@example.com").IsVisibleAsync()).ShouldBeTrue();
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Registration_mistakes_are_shown_beside_their_fields()
    {
        var page = await Fixture.NewPageAsync();
        await page.GotoAsync("/account/register");

        await page.GetByLabel("Email").FillAsync("olivia-at-example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await page.WaitForSelectorAsync("#Email-error:has-text('Enter an email address like name@example.com.')");
        (await page.Locator("#FirstName-error").InnerTextAsync()).ShouldBe("Enter your first name.");
        (await page.GetByLabel("Email").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await page.GetByLabel("Email").InputValueAsync()).ShouldBe("olivia-at-example");
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Wrong_password_shows_a_message_and_the_page_stays_usable()
    {
        var page = await Fixture.NewPageAsync();
        await page.GotoAsync("/account/sign-in");

        await page.GetByLabel("Email").FillAsync("nobody@example.com");
        await page.GetByLabel("Password").FillAsync("Wrong!Password1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForSelectorAsync("[role=alert]:has-text('The email or password is not right')");
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task The_home_page_fits_a_phone_and_its_menu_opens()
    {
        var page = await Fixture.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });

        await page.GotoAsync("/");

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        overflow.ShouldBeFalse("the home page scrolls sideways on a phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Create account" }).WaitForAsync();
        await page.AssertNoSeriousViolationsAsync();
    }

    [GeneratedRegex("confirm-email")]
    private static partial Regex ConfirmLink();

    [Fact]
    public async Task A_nurse_sets_up_two_factor_from_the_qr_code_page_and_signs_in_with_a_code_next_time()
    {
        await using (var scope = Fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = "nora.nurse@clinic.test", Email = "nora.nurse@clinic.test", EmailConfirmed = true, DisplayName = "Nora" };
            (await users.CreateAsync(user, "Sunscreen!30")).Succeeded.ShouldBeTrue();
            await users.AddToRoleAsync(user, Roles.Nurse);
        }

        var page = await Fixture.NewPageAsync(new ViewportSize { Width = 820, Height = 1180 });
        async Task PasswordAsync()
        {
            await page.GotoAsync("/account/sign-in");
            await page.GetByLabel("Email").FillAsync("nora.nurse@clinic.test");
            await page.GetByLabel("Password").FillAsync("Sunscreen!30");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        }

        await PasswordAsync();
        await page.WaitForURLAsync("**/account/two-factor/setup**");
        await page.Locator(".qr-code svg").WaitForAsync();
        var key = await page.Locator("#shared-key").InnerTextAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Code from your authenticator app").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        (await page.Locator(".recovery-codes li").CountAsync()).ShouldBe(10);
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/provider");

        await page.Context.ClearCookiesAsync();
        await PasswordAsync();
        await page.WaitForURLAsync("**/account/two-factor**");
        // A code works once: the one that turned two-factor on is spent, so the app's next code is typed.
        await page.GetByLabel("Code from your authenticator app, or a recovery code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/provider");
        await page.AssertNoSeriousViolationsAsync();
    }
}
