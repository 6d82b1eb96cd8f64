using System.Net;
using System.Text;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Features.Import;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Import;

/// <summary>
/// An uploaded file lives no longer than it is needed (decision 050): removed by its confirm, else swept after its day;
/// and a row with more cells than the header names is a finding of the dry run, never shifted into other columns.
/// </summary>
public sealed class ImportUploadLifeTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Header = "First Name,Last Name,E-mail,Mobile\r\n";

    [Fact]
    public async Task A_confirmed_upload_is_removed_at_once()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (uploadUrl, dryRun) = await ImportFlows.DryRunAsync(admin, Encoding.UTF8.GetBytes(Header + "Zoë,Martin,zoe@example.com,555-0100\r\n"));

        var confirmed = await admin.SubmitAsync(dryRun, new Dictionary<string, string>());

        confirmed.Status.ShouldBe(HttpStatusCode.Redirect);
        confirmed.Location!.ShouldStartWith("/admin/import/batches/");
        await using (var db = Database.CreateContext())
        {
            (await db.ImportUploads.CountAsync()).ShouldBe(0);
            (await db.Clients.CountAsync()).ShouldBe(1);
        }

        (await admin.GetAsync(uploadUrl + "/dry-run")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Uploads_past_their_day_are_swept_without_waiting_for_the_next_upload()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        await ImportFlows.DryRunAsync(admin, Encoding.UTF8.GetBytes(Header + "Zoë,Martin,zoe@example.com,555-0100\r\n"));
        await ImportFlows.DryRunAsync(admin, Encoding.UTF8.GetBytes(Header + "Bo,Lane,bo@example.com,555-0123\r\n"));
        await using (var db = Database.CreateContext())
        {
            var first = await db.ImportUploads.OrderBy(u => u.UploadedAt).Select(u => u.Id).FirstAsync();
            await db.ImportUploads.Where(u => u.Id == first)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<SweepUploads.Handler>().HandleAsync(CancellationToken.None)).ShouldBe(1);
        }

        await using var check = Database.CreateContext();
        (await check.ImportUploads.CountAsync()).ShouldBe(1, "the upload still in its day stays");
    }

    [Fact]
    public async Task A_row_with_more_cells_than_the_header_is_skipped_with_the_reason()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (_, dryRun) = await ImportFlows.DryRunAsync(admin, Encoding.UTF8.GetBytes(Header
            + "Zoë,Martin,zoe@example.com,555-0100\r\nNunez, Ana,Maria,ana@example.com,555-0142\r\nBo,Lane,bo@example.com,555-0123,\r\n"));

        ImportFlows.Row(dryRun, 2).Action.ShouldBe("Create");
        ImportFlows.Row(dryRun, 3).ShouldBe(("Skip",
            "The row has 5 cells but the header names 4 columns: a cell with a separator in it must be in double quotes."));
        ImportFlows.Row(dryRun, 4).Action.ShouldBe("Create", "an empty cell after the last column is only a trailing separator");
    }
}
