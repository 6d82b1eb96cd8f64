using System.Globalization;
using System.Text;
using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>
/// The Admin imports appointments from another system's CSV (issue 20, decision 056): upload, map the columns, map the
/// service and provider names, read the dry run with its findings, confirm, and find the booking on the client's profile.
/// </summary>
public sealed class AppointmentImportJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_admin_imports_appointments_maps_the_names_reads_the_findings_and_finds_the_booking_on_the_profile()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var day = TestClinic.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var file = Encoding.UTF8.GetBytes("Appointment ID,Client Email,Service,Staff,Start,Duration,Status\r\n"
            + $"V1,test.client@example.com,Microneedling Face,Maya Lopez,{day} 10:00,60,Booked\r\n"
            + $"V2,nobody@example.com,Microneedling Face,Maya Lopez,{day} 12:00,60,Booked\r\n"
            + $"V3,test.client@example.com,Microneedling Face,Maya Lopez,{day} 10:30,60,Booked\r\n");
        var page = await SignedInAsync(Roles.Admin, "admin@clinic.test");
        await page.GotoAsync("/admin/import");
        await page.GetByLabel("Where the file comes from").FillAsync("Vagaro");
        await page.GetByLabel("Appointments, past and future").CheckAsync();
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "appointments.csv", MimeType = "text/csv", Buffer = file });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and map the columns" }).ClickAsync();

        await page.WaitForURLAsync("**/appointments/mapping");
        (await page.GetByLabel("Staff").InputValueAsync()).ShouldBe("Provider");
        (await page.GetByLabel("Client Email").InputValueAsync()).ShouldBe("ClientEmail");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Map the services and providers" }).ClickAsync();

        await page.WaitForURLAsync("**/appointments/names");
        (await page.GetByLabel("Maya Lopez").InputValueAsync()).ShouldBe(clinic.Esthetician.Id.ToString(), "the same name is proposed");
        await page.GetByLabel("Microneedling Face").SelectOptionAsync(clinic.Facial.Id.ToString());
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the dry run" }).ClickAsync();

        await page.WaitForURLAsync("**/appointments/dry-run");
        (await page.Locator("tr[data-line='2']").InnerTextAsync()).ShouldContain("A booking: Microneedling — face with Maya Lopez");
        (await page.Locator("tr[data-line='3']").InnerTextAsync()).ShouldContain("No client on file has this client ID, email or phone");
        (await page.Locator("tr[data-line='4']").InnerTextAsync()).ShouldContain("Overlaps line 2, with the same provider (Maya Lopez).");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm the import" }).ClickAsync();

        await page.WaitForURLAsync("**/admin/import/batches/**");
        (await page.Locator(".import-batch dd[data-count='created']").InnerTextAsync()).Trim().ShouldBe("1");
        (await page.Locator(".import-batch dd[data-count='skipped']").InnerTextAsync()).Trim().ShouldBe("2");
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync($"/front-desk/clients/{clinic.Client.Id}");
        (await page.Locator("ul.upcoming").InnerTextAsync()).ShouldContain("Microneedling — face · Maya Lopez");
    }
}
