using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>Issue 19's first part (decision 047): the Admin defines "Face series of 3", the desk sells it, checks out a visit with one credit, the profile shows 2 left.</summary>
public sealed class PackageJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static async Task CompleteAndCheckOutAsync(IPage desk, Appointment appointment)
    {
        await desk.GotoAsync($"/front-desk/appointments/{appointment.Id}");
        foreach (var (button, status) in new[] { ("Check in", "Checked in"), ("Start treatment", "In treatment"), ("Complete", "Completed") })
        {
            await desk.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
            await desk.Locator("#status").GetByText(status).WaitForAsync();
        }

        await desk.GetByRole(AriaRole.Button, new() { Name = "Check out" }).ClickAsync();
        await desk.WaitForURLAsync("**/checkout/invoices/**");
    }

    [Fact]
    public async Task The_Admin_defines_a_series_of_3_the_desk_sells_it_checks_out_a_visit_with_one_credit_and_the_profile_shows_2_left()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var first = await clinic.BookAsync(Fixture.Database, TestClinic.SoonToday());
        var second = await clinic.BookAsync(Fixture.Database, TestClinic.SoonToday(), clinic.OtherEsthetician, clinic.RoomTwo, clinic.Dermapen);
        await TestClinic.GiveIntakeAsync(Fixture.Database, first.Id);
        await TestClinic.GiveIntakeAsync(Fixture.Database, second.Id);

        var admin = await SignedInAsync(Roles.Admin, "admin@clinic.test");
        await admin.GotoAsync("/admin/packages");
        await admin.AssertNoSeriousViolationsAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Define a package" }).ClickAsync();
        await admin.GetByLabel("Name").FillAsync("Face series of 3");
        await admin.GetByLabel("Microneedling — face").CheckAsync();
        await admin.GetByLabel("Sessions").FillAsync("3");
        await admin.GetByLabel("Price").FillAsync("900");
        await admin.GetByLabel("Credits last (months)").FillAsync("12");
        await admin.AssertNoSeriousViolationsAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save package" }).ClickAsync();
        await admin.GetByText("Face series of 3 saved.").WaitForAsync();
        (await admin.Locator("#packages").InnerTextAsync()).ShouldContain("$900.00");
        await admin.AssertNoSeriousViolationsAsync();

        // The first visit: the service and the package, paid in cash: the credits are issued.
        var desk = await SignedInAsync(Roles.FrontDesk, "desk@clinic.test");
        await CompleteAndCheckOutAsync(desk, first);
        await desk.GetByLabel("Package", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Face series of 3 · $900.00" });
        await desk.GetByRole(AriaRole.Button, new() { Name = "Add package" }).ClickAsync();
        await desk.GetByText("Package added: its credits are the client's once the invoice is paid.").WaitForAsync();
        await desk.AssertNoSeriousViolationsAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Finish and take payment" }).ClickAsync();
        await desk.Locator("#invoice-due").GetByText("$1,250.00").WaitForAsync();
        await desk.GetByLabel("Cash handed over").FillAsync("1250");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Take cash" }).ClickAsync();
        await desk.Locator("#invoice-state").GetByText("Paid").WaitForAsync();

        // The second visit, paid with one credit.
        await CompleteAndCheckOutAsync(desk, second);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Finish and take payment" }).ClickAsync();
        await desk.Locator("#invoice-due").GetByText("$350.00").WaitForAsync();
        await desk.AssertNoSeriousViolationsAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Use one credit of Face series of 3 for Microneedling — face · Cheeks" }).ClickAsync();
        await desk.GetByText("One package credit used.").WaitForAsync();
        await desk.Locator("#invoice-state").GetByText("Paid").WaitForAsync();
        (await desk.Locator("#invoice-payments").InnerTextAsync()).ShouldContain("One package credit");
        await desk.AssertNoSeriousViolationsAsync();

        await desk.GotoAsync($"/front-desk/clients/{clinic.Client.Id}");
        var credits = await desk.Locator("#wallet-credits").InnerTextAsync();
        credits.ShouldContain("Face series of 3");
        credits.ShouldContain("2 of 3 left");
        await desk.AssertNoSeriousViolationsAsync();
    }
}
