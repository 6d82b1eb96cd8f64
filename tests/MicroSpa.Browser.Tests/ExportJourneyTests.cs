using System.IO.Compression;
using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>
/// The whole clinic's export in a browser (issue 20, decision 046): the Admin opens Export from the menu, starts it, sees it
/// waiting, then finish by itself once the background job has written it (the page follows the server's status), downloads the
/// ZIP, and finds the clinic's client in it; axe-clean before, during and after.
/// </summary>
public sealed class ExportJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_admin_starts_an_export_sees_it_finish_and_downloads_the_clinic()
    {
        var client = new Client("Marisol", "Quintero", $"marisol.{Guid.NewGuid():N}@example.com", "+1 212 555 0142", DateTimeOffset.UtcNow);
        await using (var db = Fixture.Database.CreateContext())
        {
            db.Clients.Add(client);
            await db.SaveChangesAsync();
        }

        var admin = await SignedInAsync(Roles.Admin, "admin.export@clinic.test");
        await admin.GotoAsync("/");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Export", Exact = true }).First.ClickAsync();
        await admin.WaitForURLAsync("**/admin/export");
        await admin.AssertNoSeriousViolationsAsync();

        await admin.GetByRole(AriaRole.Button, new() { Name = "Start an export" }).ClickAsync();
        await admin.WaitForURLAsync("**/admin/export");
        var progress = admin.Locator("[data-export-status]");
        await Assertions.Expect(progress).ToBeVisibleAsync();
        await Assertions.Expect(progress.GetByText("waiting to start")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByLabel("Written so far")).ToBeVisibleAsync();
        await admin.AssertNoSeriousViolationsAsync();

        // What the background worker does in the running app; the page, polling the server, sees it finish by itself.
        await Fixture.App.RunClinicExportsAsync();
        var link = admin.Locator("a.export-download");
        await Assertions.Expect(link).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(admin.Locator("[data-export-status]")).ToHaveCountAsync(0);
        (await admin.Locator("tr[data-export] td[data-export-state]").First.InnerTextAsync()).Trim().ShouldBe("Ready");
        (await admin.Locator("tr[data-export]").First.InnerTextAsync()).ShouldContain("The link lasts until");
        await admin.AssertNoSeriousViolationsAsync();

        var download = await admin.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        (await download.FailureAsync()).ShouldBeNull();
        download.SuggestedFilename.ShouldStartWith("clinic-export-");
        download.SuggestedFilename.ShouldEndWith(".zip");
        var path = Path.Combine(Path.GetTempPath(), $"clinic-export-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        zip.GetEntry("README.md").ShouldNotBeNull();
        zip.GetEntry("clients.json").ShouldNotBeNull();
        using var clients = new StreamReader(zip.GetEntry("clients.csv")!.Open());
        var lines = (await clients.ReadToEndAsync()).Split("\r\n");
        lines[0].ShouldStartWith("id,first_name,last_name,email,phone,date_of_birth,notes");
        lines.ShouldContain(l => l.StartsWith($"{client.Id},Marisol,Quintero,{client.Email},", StringComparison.Ordinal));
        admin.Url.ShouldEndWith("/admin/export");
    }
}
