using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>
/// Issue 19 (decision 057): a series of 3 sold at the desk, two credits used on two visits, the Admin refunds the third by the rule
/// ($900 paid less two sessions at $350: $200) in cash from the client's profile, and the client sees it in My wallet.
/// </summary>
public sealed class PackageRefundJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static async Task CheckOutWithACreditAsync(IPage desk, Appointment appointment)
    {
        await desk.GotoAsync($"/front-desk/appointments/{appointment.Id}");
        foreach (var (button, status) in new[] { ("Check in", "Checked in"), ("Start treatment", "In treatment"), ("Complete", "Completed") })
        {
            await desk.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
            await desk.Locator("#status").GetByText(status).WaitForAsync();
        }

        await desk.GetByRole(AriaRole.Button, new() { Name = "Check out" }).ClickAsync();
        await desk.WaitForURLAsync("**/checkout/invoices/**");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Finish and take payment" }).ClickAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Use one credit of Face series of 3 for Microneedling — face · Cheeks" }).ClickAsync();
        await desk.GetByText("One package credit used.").WaitForAsync();
        await desk.Locator("#invoice-state").GetByText("Paid").WaitForAsync();
    }

    [Fact]
    public async Task The_Admin_refunds_the_third_credit_by_the_rule_and_the_client_sees_it_in_My_wallet()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var first = await clinic.BookAsync(Fixture.Database, TestClinic.SoonToday());
        var second = await clinic.BookAsync(Fixture.Database, TestClinic.SoonToday(), clinic.OtherEsthetician, clinic.RoomTwo, clinic.Dermapen);
        await TestClinic.GiveIntakeAsync(Fixture.Database, first.Id);
        await TestClinic.GiveIntakeAsync(Fixture.Database, second.Id);

        var admin = await SignedInAsync(Roles.Admin, "admin@clinic.test");
        await admin.GotoAsync("/admin/packages/new");
        await admin.GetByLabel("Name").FillAsync("Face series of 3");
        await admin.GetByLabel("Microneedling — face").CheckAsync();
        await admin.GetByLabel("Sessions").FillAsync("3");
        await admin.GetByLabel("Price").FillAsync("900");
        await admin.GetByLabel("Credits last (months)").FillAsync("12");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save package" }).ClickAsync();
        await admin.GetByText("Face series of 3 saved.").WaitForAsync();

        // The desk sells the series on its own, paid in cash, then two visits each use a credit.
        var desk = await SignedInAsync(Roles.FrontDesk, "desk@clinic.test");
        await desk.GotoAsync($"/front-desk/clients/{clinic.Client.Id}");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Sell retail" }).ClickAsync();
        await desk.WaitForURLAsync("**/checkout/invoices/**");
        await desk.GetByLabel("Package", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Face series of 3 · $900.00" });
        await desk.GetByRole(AriaRole.Button, new() { Name = "Add package" }).ClickAsync();
        await desk.GetByText("Package added: its credits are the client's once the invoice is paid.").WaitForAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Finish and take payment" }).ClickAsync();
        await desk.GetByLabel("Cash handed over").FillAsync("900");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Take cash" }).ClickAsync();
        await desk.Locator("#invoice-state").GetByText("Paid").WaitForAsync();
        await CheckOutWithACreditAsync(desk, first);
        await CheckOutWithACreditAsync(desk, second);
        await desk.GotoAsync($"/front-desk/clients/{clinic.Client.Id}");
        (await desk.Locator("#wallet-credits").InnerTextAsync()).ShouldContain("1 of 3 left");
        (await desk.Locator("#credit-refunds").CountAsync()).ShouldBe(0, "only the Admin refunds");

        await admin.GotoAsync($"/front-desk/clients/{clinic.Client.Id}");
        (await admin.Locator("#credit-refunds").InnerTextAsync()).ShouldContain("$200.00 by the rule");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Refund unused credits" }).ClickAsync();
        (await admin.Locator("#refund-rule").InnerTextAsync()).ShouldContain("less each session used at the price its visit was charged, never below zero");
        (await admin.Locator("#refund-amount").InnerTextAsync()).ShouldBe("$200.00");
        await admin.AssertNoSeriousViolationsAsync();
        await admin.GetByLabel("In cash from the drawer").CheckAsync();
        await admin.GetByLabel("Reason").FillAsync("Moving away");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Refund $200.00" }).ClickAsync();
        await admin.GetByText("Unused credits refunded.").WaitForAsync();
        (await admin.Locator("#wallet-credits").InnerTextAsync()).ShouldContain("0 of 3 left");
        await admin.AssertNoSeriousViolationsAsync();

        var phone = await SignedInAsync(Roles.Client, "test.client@example.com");
        await using (var db = Fixture.Database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "test.client@example.com");
            (await db.Clients.SingleAsync(c => c.Id == clinic.Client.Id)).LinkAccount(user.Id);
            await db.SaveChangesAsync();
        }

        await phone.SetViewportSizeAsync(390, 844);
        await phone.GotoAsync("/my/appointments");
        await phone.GetByRole(AriaRole.Link, new() { Name = "My wallet" }).ClickAsync();
        await phone.Locator("h1").GetByText("My wallet").WaitForAsync();
        (await phone.Locator("#wallet-credits").InnerTextAsync()).ShouldContain("0 of 3 left");
        var receipts = await phone.Locator("#wallet-receipts").InnerTextAsync();
        receipts.ShouldContain("Unused credits refunded");
        receipts.ShouldContain("$200.00");
        receipts.ShouldContain("Session used");
        await phone.AssertNoSeriousViolationsAsync();
    }
}
