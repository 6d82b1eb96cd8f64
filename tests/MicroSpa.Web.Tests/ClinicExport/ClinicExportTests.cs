using System.IO.Compression;
using System.Net;
using System.Text.Json;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Exports;
using MicroSpa.Web.Features.ClinicExport;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.ClinicExport;

/// <summary>
/// The Admin's export of the whole clinic (decision 046): started on the page, written by the background job exactly once
/// (however many instances look), followed on the page, downloaded while the link lasts, then 410 and deleted; every start
/// and download audited with ids only; no client data in the log.
/// </summary>
public sealed class ClinicExportTests(WebAppFixture fixture) : WebTest(fixture)
{
    private async Task<(WebSession Admin, Page Started)> StartAsync()
    {
        var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var page = await admin.GetAsync("/admin/export");
        page.Status.ShouldBe(HttpStatusCode.OK);
        var started = await admin.SubmitAsync(page, new Dictionary<string, string>(), "/admin/export");
        started.Status.ShouldBe(HttpStatusCode.Redirect);
        started.Location.ShouldBe("/admin/export");
        return (admin, await admin.FollowAsync(started));
    }

    [Fact]
    public async Task The_admin_starts_an_export_follows_it_and_downloads_the_clinic_audited_with_ids_only()
    {
        var seeded = await ClinicArchiveTests.SeedClinicAsync(App, Database);
        var before = App.Log.Lines.Count;
        var (admin, page) = await StartAsync();

        // Queued: the page follows it (the script polls the status the server keeps) and offers no second start.
        var progress = page.Document.QuerySelector("[data-export-status]").ShouldNotBeNull();
        page.Document.QuerySelector("#start-export").ShouldBeNull();
        page.Document.QuerySelector("progress#export-progress-bar").ShouldNotBeNull();
        await using var db = Database.CreateContext();
        var export = await db.ClinicExports.AsNoTracking().SingleAsync();
        export.Status.ShouldBe(ClinicExportStatus.Queued);
        progress.GetAttribute("data-export-status").ShouldBe($"/admin/export/{export.Id}/status");
        var status = JsonDocument.Parse(await admin.Client.GetStringAsync($"/admin/export/{export.Id}/status")).RootElement;
        (status.GetProperty("state").GetString(), status.GetProperty("finished").GetBoolean()).ShouldBe(("Queued", false));

        var start = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == StartClinicExport.AuditAction);
        (start.SubjectId, start.ClientId, start.Detail).ShouldBe((export.Id, null, null));
        start.UserId.ShouldBe(export.RequestedBy);

        // Starting again while it waits answers the same export.
        var again = await admin.PostAsync(page, "/admin/export");
        (again.Status, again.Location).ShouldBe((HttpStatusCode.Redirect, "/admin/export"));
        (await db.ClinicExports.CountAsync()).ShouldBe(1);

        await App.RunClinicExportsAsync();
        var ready = await db.ClinicExports.AsNoTracking().SingleAsync();
        ready.Status.ShouldBe(ClinicExportStatus.Ready);
        ready.Percent.ShouldBe(100);
        ready.ExpiresAt.ShouldBe(ready.FinishedAt!.Value + Domain.Exports.ClinicExport.KeptFor);
        status = JsonDocument.Parse(await admin.Client.GetStringAsync($"/admin/export/{export.Id}/status")).RootElement;
        (status.GetProperty("state").GetString(), status.GetProperty("percent").GetInt32(), status.GetProperty("finished").GetBoolean()).ShouldBe(("Ready", 100, true));

        page = await admin.GetAsync("/admin/export");
        var link = page.Document.QuerySelector("a.export-download").ShouldNotBeNull();
        link.GetAttribute("href").ShouldBe($"/admin/export/{export.Id}/download");
        page.Document.QuerySelector("#start-export").ShouldNotBeNull("a new export can be started once this one is written");

        using var response = await admin.Client.GetAsync(link.GetAttribute("href"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        response.Content.Headers.ContentLength.ShouldBe(bytes.Length);
        bytes.Length.ShouldBe((int)ready.SizeBytes!.Value);
        using (var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read))
        {
            ClinicArchiveTests.Csv(zip, "clients.csv").Rows.ShouldContain(c => c["id"] == seeded.Client.Id.ToString() && c["email"] == "zoe.ohara@example.com");
            ClinicArchiveTests.Bytes(zip, $"photos/{seeded.Records.PhotoId}.jpg").ShouldBe(seeded.Records.PhotoBytes);
            ClinicArchiveTests.Text(zip, "README.md").ShouldContain("### clients.csv, clients.json");
        }

        var download = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == DownloadClinicExport.AuditAction);
        (download.SubjectId, download.ClientId, download.Detail, download.UserId).ShouldBe((export.Id, null, null, export.RequestedBy));

        // The log names the export and the users by id, never a client.
        var log = App.Log.Lines.Skip(before).ToList();
        log.ShouldContain(l => l.Contains($"Clinic export {export.Id} ready", StringComparison.Ordinal) || l.Contains($"Clinic export \"{export.Id}\" ready", StringComparison.Ordinal));
        foreach (var secret in new[] { "Zoë", "O'Hara", "zoe.ohara@example.com", "555 0199", "HYPERLINK", seeded.Records.Client.LastName, "Test Client" })
        {
            log.ShouldNotContain(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase), $"'{secret}' was logged");
        }
    }

    [Fact]
    public async Task Two_instances_looking_at_once_write_the_export_once()
    {
        await ClinicArchiveTests.SeedClinicAsync(App, Database);
        await StartAsync();
        async Task<Guid?> InstanceAsync()
        {
            await using var scope = App.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RunClinicExports.Handler>().RunNextAsync(CancellationToken.None);
        }

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(InstanceAsync)));
        runs.Count(r => r is not null).ShouldBe(1);
        await using var db = Database.CreateContext();
        var export = await db.ClinicExports.AsNoTracking().SingleAsync();
        export.Status.ShouldBe(ClinicExportStatus.Ready);
        var parts = await db.ClinicExportParts.AsNoTracking().Where(p => p.ExportId == export.Id).OrderBy(p => p.Sequence).ToListAsync();
        parts.Select(p => p.Sequence).ShouldBe(Enumerable.Range(0, export.Parts));
        parts.Sum(p => (long)p.Bytes.Length).ShouldBe(export.SizeBytes!.Value);
    }

    [Fact]
    public async Task An_expired_link_answers_410_and_the_archive_is_deleted()
    {
        var (admin, _) = await StartAsync();
        await App.RunClinicExportsAsync();
        await using var db = Database.CreateContext();
        var export = await db.ClinicExports.AsNoTracking().SingleAsync();
        (await db.ClinicExportParts.CountAsync(p => p.ExportId == export.Id)).ShouldBeGreaterThan(0);
        var expiredAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE clinic_exports SET expires_at = {expiredAt} WHERE id = {export.Id}");

        var gone = await admin.GetAsync($"/admin/export/{export.Id}/download");
        gone.Status.ShouldBe(HttpStatusCode.Gone);
        gone.Text.ShouldContain("This export's link has expired");
        gone.Document.QuerySelector("a[href='/admin/export']").ShouldNotBeNull();
        (await db.AuditEntries.CountAsync(a => a.Action == DownloadClinicExport.AuditAction)).ShouldBe(0, "nothing was downloaded");

        await App.RunClinicExportsAsync();
        (await db.ClinicExportParts.CountAsync(p => p.ExportId == export.Id)).ShouldBe(0);
        (await db.ClinicExports.AsNoTracking().SingleAsync()).Status.ShouldBe(ClinicExportStatus.Expired);
        (await admin.GetAsync($"/admin/export/{export.Id}/download")).Status.ShouldBe(HttpStatusCode.Gone);
        (await admin.GetAsync("/admin/export")).Document.QuerySelector("[data-export] td[data-export-state]")!.TextContent.Trim().ShouldBe("Expired");
        (await admin.GetAsync($"/admin/export/{Guid.NewGuid()}/download")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_export_whose_worker_went_silent_is_failed_and_keeps_nothing()
    {
        await StartAsync();
        await using var db = Database.CreateContext();
        var export = await db.ClinicExports.AsNoTracking().SingleAsync();
        var longAgo = DateTimeOffset.UtcNow - Domain.Exports.ClinicExport.SilentFor - TimeSpan.FromMinutes(1);
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE clinic_exports SET status = 'Running', started_at = {longAgo}, heartbeat_at = {longAgo} WHERE id = {export.Id}");
        await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO clinic_export_parts (export_id, sequence, bytes) VALUES ({export.Id}, 0, {new byte[] { 1, 2, 3 }})");

        await App.RunClinicExportsAsync();
        var failed = await db.ClinicExports.AsNoTracking().SingleAsync();
        failed.Status.ShouldBe(ClinicExportStatus.Failed);
        (await db.ClinicExportParts.CountAsync()).ShouldBe(0);
        var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        (await admin.GetAsync($"/admin/export/{export.Id}/download")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetAsync("/admin/export")).Document.QuerySelector("#start-export").ShouldNotBeNull();
    }
}
