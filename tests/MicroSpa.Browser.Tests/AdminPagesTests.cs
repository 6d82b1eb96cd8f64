using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

public sealed class AdminPagesTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_admin_pages_are_accessible_and_show_field_messages()
    {
        var page = await SignedInAsync(Roles.Admin, "admin@clinic.test");
        await page.SetViewportSizeAsync(1280, 900);
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
