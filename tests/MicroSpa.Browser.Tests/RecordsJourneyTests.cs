using System.IO.Compression;
using System.Text.Json;
using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>
/// A client's own records in a browser (issue 20): a client on a phone downloads "My records" from My appointments,
/// and the desk downloads a client's records from the client's page; each ZIP is opened and checked; axe on each page.
/// </summary>
public sealed class RecordsJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static async Task<ZipArchive> DownloadAsync(IPage page, string linkId)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"#{linkId}").ClickAsync());
        (await download.FailureAsync()).ShouldBeNull();
        var path = Path.Combine(Path.GetTempPath(), $"records-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(path);
        download.SuggestedFilename.ShouldEndWith(".zip");
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        return new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
    }

    private static byte[] Entry(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string PhotoFile(ZipArchive zip) =>
        System.Text.Encoding.UTF8.GetString(Entry(zip, "photos.csv")).Split("\r\n")[1].Split(',')[0];

    [Fact]
    public async Task A_client_on_a_phone_downloads_my_records_and_the_medical_director_downloads_them_for_a_client_who_asks_in_person()
    {
        var (phone, clientId, _) = await PaymentJourneys.SignedInClientAsync(Fixture, "Rosa", "Delgado");
        var seeded = await RecordsSeed.SeedAsync(Fixture.Database, clientId);

        await phone.GotoAsync("/my/appointments");
        var link = phone.Locator("#my-records-download");
        await link.ScrollIntoViewIfNeededAsync();
        (await link.IsVisibleAsync()).ShouldBeTrue();
        (await phone.Locator("#records-explained").InnerTextAsync()).ShouldContain("your photos");
        await phone.AssertNoSeriousViolationsAsync();
        using (var mine = await DownloadAsync(phone, "my-records-download"))
        {
            mine.GetEntry("README.txt").ShouldNotBeNull();
            var charts = JsonDocument.Parse(Entry(mine, "charts.json")).RootElement;
            charts.EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(seeded.ChartId);
            Entry(mine, PhotoFile(mine)).ShouldBe(seeded.PhotoBytes);
        }

        // The page is still My appointments after the download (nothing navigated away).
        phone.Url.ShouldEndWith("/my/appointments");

        var desk = await SignedInAsync(Roles.MedicalDirector, "director.records@clinic.test");
        await desk.GotoAsync($"/clearances/clients/{clientId}");
        await desk.AssertNoSeriousViolationsAsync();
        using (var theirs = await DownloadAsync(desk, "client-records-download"))
        {
            JsonDocument.Parse(Entry(theirs, "client.json")).RootElement.GetProperty("last_name").GetString().ShouldBe("Delgado");
            JsonDocument.Parse(Entry(theirs, "consents.json")).RootElement.EnumerateArray().Single().GetProperty("text").GetString().ShouldBe(seeded.Form.Body);
            Entry(theirs, PhotoFile(theirs)).ShouldBe(seeded.PhotoBytes);
        }

        await using var db = Fixture.Database.CreateContext();
        var entries = await db.AuditEntries.Where(e => e.Action == "records.export").OrderBy(e => e.At).Select(e => new { e.ClientId, e.Detail, e.UserName }).ToListAsync();
        entries.Select(e => (e.ClientId, e.Detail)).ShouldBe([(clientId, "client"), (clientId, "in person")]);
        entries[1].UserName.ShouldBe("director.records@clinic.test");
    }
}
