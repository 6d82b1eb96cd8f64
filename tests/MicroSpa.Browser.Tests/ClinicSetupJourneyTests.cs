using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>The setup and schedule pages added for the front desk issue: usable, accessible, with field messages.</summary>
public sealed class ClinicSetupJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_admin_adds_a_service_changes_a_colleague_and_takes_a_room_out_of_service()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var page = await SignedInAsync(Roles.Admin, "admin@clinic.test");
        await page.WaitForURLAsync("**/admin/staff");

        await page.GotoAsync("/admin/setup/services");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a service" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Microneedling — scalp");
        await page.GetByLabel("Duration (minutes)").FillAsync("47");
        await page.GetByLabel("Buffer after (minutes)").FillAsync("10");
        await page.GetByLabel("Price").FillAsync("290");
        await page.GetByLabel("Nurses").CheckAsync();
        await page.GetByLabel("Cheeks").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the service" }).ClickAsync();
        await page.GetByText("The duration is 15 to 480 minutes, in steps of 5.").WaitForAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Duration (minutes)").FillAsync("45");
        await page.GetByLabel("Deposit at online booking").SelectOptionAsync(new SelectOptionValue { Label = "A fixed amount" });
        await page.GetByLabel("Deposit: amount or percent").FillAsync("1,250");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the service" }).ClickAsync();
        await page.Locator("#Form_DepositValue-error").GetByText("could be read two ways").WaitForAsync();
        await page.GetByLabel("Deposit: amount or percent").FillAsync("50,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the service" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/setup/services");
        (await page.Locator("table.services").InnerTextAsync()).ShouldContain("Microneedling — scalp");
        (await page.Locator("table.services tr", new() { HasText = "Microneedling — scalp" }).InnerTextAsync()).ShouldContain("$50.50");

        await page.GotoAsync("/admin/setup");
        await page.GetByLabel("No-show fee", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "A percent of the service's price" });
        await page.GetByLabel("No-show fee: amount or percent").FillAsync("150");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save deposit rules and fees" }).ClickAsync();
        await page.Locator("#Payments_NoShowFeeValue-error").GetByText("A percent is above 0 and at most 100, with at most two decimals.").WaitForAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("No-show fee: amount or percent").FillAsync("50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save deposit rules and fees" }).ClickAsync();
        await page.GetByText("Deposit rules and fees saved.").WaitForAsync();

        await page.GotoAsync("/admin/staff");
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Admin" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).WaitForAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync("/front-desk/resources");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Room or device").SelectOptionAsync(new SelectOptionValue { Label = clinic.RoomOne.Name });
        await page.GetByLabel("From").FillAsync($"{TestClinic.Day:yyyy-MM-dd}T08:00");
        await page.GetByLabel("Until").FillAsync($"{TestClinic.Day:yyyy-MM-dd}T12:00");
        await page.GetByLabel("Reason (optional)").FillAsync("New floor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Take out of service" }).ClickAsync();
        await page.Locator($"#resource-{clinic.RoomOne.Id}").GetByText("New floor").WaitForAsync();
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task A_client_joins_the_waitlist_from_the_booking_page_on_a_phone()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var page = await SignedInAsync(Roles.Client, "client@example.test");
        await using (var db = Fixture.Database.CreateContext())
        {
            var user = db.Users.Single(u => u.Email == "client@example.test");
            var client = new Domain.Clients.Client("Cleo", "Client", "client@example.test", null, DateTimeOffset.UtcNow);
            client.LinkAccount(user.Id);
            db.Clients.Add(client);
            await db.SaveChangesAsync();
        }

        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"/book/{clinic.Facial.Id}/times?areaIds={clinic.Cheeks.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Join the waitlist" }).ClickAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the waitlist" }).ClickAsync();
        await page.GetByText("Choose at least one day that suits you.").WaitForAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Tuesday").CheckAsync();
        await page.GetByLabel("Thursday").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the waitlist" }).ClickAsync();
        await page.WaitForURLAsync("**/my/appointments");
        (await page.Locator(".waitlist").InnerTextAsync()).ShouldContain("Tue, Thu · starting 09:00–17:00");
        await page.AssertNoSeriousViolationsAsync();
    }
}
