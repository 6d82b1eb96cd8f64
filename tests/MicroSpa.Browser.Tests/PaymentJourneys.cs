using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>What the online payment journeys share: a client signed in on a phone, the booking steps up to the confirm page, the stand-in's hosted page.</summary>
internal static class PaymentJourneys
{
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>A client with a portal account, signed in through the sign-in page on a phone.</summary>
    public static async Task<(IPage Page, Guid ClientId, string Email)> SignedInClientAsync(BrowserFixture fixture, string first, string last)
    {
        var email = $"{first.ToLowerInvariant()}.{Guid.NewGuid():N}@example.com";
        Guid clientId;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"{first} {last}" };
            (await users.CreateAsync(user, "Sunscreen!30")).Succeeded.ShouldBeTrue();
            await users.AddToRoleAsync(user, Roles.Client);
            var client = new Client(first, last, email, null, DateTimeOffset.UtcNow);
            client.LinkAccount(user.Id);
            await using var db = fixture.Database.CreateContext();
            db.Clients.Add(client);
            await db.SaveChangesAsync();
            clientId = client.Id;
        }

        var page = await fixture.NewPageAsync(Phone);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("Sunscreen!30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        return (page, clientId, email);
    }

    /// <summary>From the chosen time through screening and consent to the confirm page (axe-clean), which says what is asked.</summary>
    public static async Task ToConfirmAsync(IPage page, TestClinic clinic, DateTimeOffset start, string name)
    {
        await page.GotoAsync($"/book/checkout?serviceId={clinic.Facial.Id}&areaIds={clinic.Cheeks.Id}&start={Uri.EscapeDataString(TimeGrid.Format(start))}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/screening");
        foreach (var no in await page.Locator(".screening-question input[id$='-no']").AllAsync())
        {
            await no.CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/consent");
        await page.GetByLabel("Type your full name to sign").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "I agree and sign" }).ClickAsync();
        await page.WaitForURLAsync("**/confirm");
        await page.AssertNoSeriousViolationsAsync();
    }

    /// <summary>Types a card on the stand-in's hosted page and sends it (<paramref name="button"/>: "Pay", or "Save card" in setup mode).</summary>
    public static async Task PayAsync(IPage page, string card, string button = "Pay")
    {
        await page.GetByLabel("Card number").FillAsync(card);
        await page.GetByLabel("Expiry (MM / YY)").FillAsync("12 / 34");
        await page.GetByLabel("CVC").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
    }
}
