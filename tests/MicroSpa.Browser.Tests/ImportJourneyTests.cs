using System.Text;
using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>The Admin imports clients from another system's CSV (issue 20): upload, map, read the dry run, confirm, find them at the desk.</summary>
public sealed class ImportJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_admin_uploads_a_file_maps_it_reads_the_dry_run_confirms_and_finds_the_clients_in_the_desks_search()
    {
        var page = await SignedInAsync(Roles.Admin, "admin@clinic.test");
        await page.GotoAsync("/admin/import");
        await page.AssertNoSeriousViolationsAsync();

        var file = Encoding.UTF8.GetBytes("First Name;Last Name;E-mail;Mobile\r\nWilhelmina;Zabriskie;wilhelmina.z@example.com;555-0188\r\nOtto;;otto@example.com;\r\n"
            + "Willa;Zabriskie;willa.z@example.com;555-0188\r\n");
        await page.GetByLabel("Where the file comes from").FillAsync("Old spreadsheet");
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "clients.csv", MimeType = "text/csv", Buffer = file });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and map the columns" }).ClickAsync();

        await page.WaitForURLAsync("**/mapping");
        (await page.GetByLabel("E-mail").InputValueAsync()).ShouldBe("Email");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the dry run" }).ClickAsync();

        await page.WaitForURLAsync("**/dry-run");
        (await page.Locator("tr[data-line='2']").InnerTextAsync()).ShouldContain("A new client.");
        (await page.Locator("tr[data-line='3']").InnerTextAsync()).ShouldContain("Enter the last name.");
        var willa = page.Locator("tr[data-line='4']");
        (await willa.InnerTextAsync()).ShouldContain("May be the same person as line 2, with the same phone");
        await page.AssertNoSeriousViolationsAsync();
        await willa.GetByLabel("Create as a new client").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm the import" }).ClickAsync();

        await page.WaitForURLAsync("**/admin/import/batches/**");
        (await page.Locator(".import-batch dd[data-count='created']").InnerTextAsync()).Trim().ShouldBe("2");
        (await page.Locator(".import-batch dd[data-count='duplicates-created']").InnerTextAsync()).Trim().ShouldBe("1");
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync("/front-desk/clients?q=zabriskie");
        await page.GetByRole(AriaRole.Link, new() { Name = "Wilhelmina Zabriskie", Exact = true }).WaitForAsync();
    }
}
