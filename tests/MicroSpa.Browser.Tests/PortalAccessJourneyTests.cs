using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>
/// The front desk types an address and invites the client; whoever chooses the password from that mailbox sees a
/// waiting page, not the client's records, until a nurse confirms the address with the client in person.
/// </summary>
public sealed class PortalAccessJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Mailbox = "new.address@example.com";

    [Fact]
    public async Task An_invited_account_waits_for_the_nurse_to_confirm_the_address_with_the_client_then_shows_the_appointments()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        await clinic.BookAsync(Fixture.Database, TestClinic.At(10));

        var desk = await SignedInAsync(Roles.FrontDesk);
        await desk.GotoAsync($"/front-desk/clients/{clinic.Client.Id}");
        await desk.Locator("#Details_Email").FillAsync(Mailbox);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await desk.GetByText("Client details saved.").WaitForAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Invite to the portal" }).ClickAsync();
        await desk.GetByText("Invitation sent").WaitForAsync();
        (await desk.Locator(".client-flags").InnerTextAsync()).ShouldContain("waiting for the client's confirmation in person");
        await desk.AssertNoSeriousViolationsAsync();

        var phone = await Fixture.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await phone.GotoAsync("/dev/mailbox");
        var invitation = phone.Locator(".mail-message").Filter(new() { HasText = Mailbox }).Filter(new() { HasText = "Your online account" });
        await invitation.GetByRole(AriaRole.Link).First.ClickAsync();
        await phone.GetByLabel("New password", new() { Exact = true }).FillAsync("Sunscreen!30");
        await phone.GetByLabel("Confirm new password").FillAsync("Sunscreen!30");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Save my password" }).ClickAsync();
        await phone.WaitForURLAsync("**/account/sign-in**");
        await phone.GetByLabel("Email").FillAsync(Mailbox);
        await phone.GetByLabel("Password").FillAsync("Sunscreen!30");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await phone.WaitForURLAsync("**/my/account-pending");
        (await phone.Locator("#account-pending").InnerTextAsync()).ShouldContain("your provider checks with you");
        await phone.AssertNoSeriousViolationsAsync();
        await phone.GotoAsync("/my/progress");
        await phone.WaitForURLAsync("**/my/account-pending");

        var nurse = await SignedInAsync(Roles.Nurse);
        await nurse.GetByRole(AriaRole.Link, new() { Name = "Accounts to confirm" }).ClickAsync();
        await nurse.WaitForURLAsync("**/provider/portal-accounts");
        (await nurse.Locator(".portal-confirmations").InnerTextAsync()).ShouldContain(Mailbox);
        await nurse.AssertNoSeriousViolationsAsync();
        await nurse.GetByRole(AriaRole.Button, new() { Name = "The client confirmed this address in person" }).ClickAsync();
        await nurse.GetByText("No account waits for a confirmation.").WaitForAsync();

        await phone.GotoAsync("/my/appointments");
        await phone.WaitForURLAsync("**/my/appointments");
        (await phone.Locator(".appointment").CountAsync()).ShouldBe(1);
    }
}
