using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

public sealed class AdminPagesTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_admin_pages_are_accessible_and_show_field_messages()
    {
        await using (var scope = Fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var admin = new ApplicationUser { UserName = "admin@clinic.test", Email = "admin@clinic.test", EmailConfirmed = true, DisplayName = "Admin" };
            (await users.CreateAsync(admin, "Sunscreen!30")).Succeeded.ShouldBeTrue();
            await users.AddToRoleAsync(admin, Roles.Admin);
        }

        var page = await Fixture.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync("admin@clinic.test");
        await page.GetByLabel("Password").FillAsync("Sunscreen!30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/staff");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a staff member" }).ClickAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync("/admin/setup");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Booking horizon (days ahead)").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the policy" }).ClickAsync();
        await page.GetByText("The horizon is 1 to 365 days.").WaitForAsync();
        await page.AssertNoSeriousViolationsAsync();
    }
}
