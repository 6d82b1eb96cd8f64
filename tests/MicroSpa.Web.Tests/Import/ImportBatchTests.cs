using System.Net;
using System.Text;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Payments;
using MicroSpa.Web.Features.Import;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Import;

/// <summary>
/// An import is a batch (decision 044): confirmed in one transaction, audited with ids and counts, the same file again
/// changes nothing, undone while nothing depends on it (and refused, with nothing undone, once something does).
/// </summary>
public sealed class ImportBatchTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Header = "First Name,Last Name,E-mail,Mobile,DOB,Notes\r\n";

    private static readonly byte[] File = Encoding.UTF8.GetBytes(Header
        + "Zoë,Martin,zoe@example.com,555-0100,1990-04-12,Prefers mornings\r\n"   // 2 create
        + "Ana,Nunez,ana@example.com,,4/12/1991,\r\n"                             // 3 update: date of birth
        + "Cyrus,Ray,cyrus@other.test,+1 212-555-0199,,\r\n"                      // 4 possible duplicate of Cy Ray (same phone), ticked
        + "Dee,Park,,555-0177,02/03/1985,\r\n"                                    // 5 possible duplicate of Dee Park, not ticked
        + "Bo,Phone,,555-0123,,\r\n"                                              // 6 create, phone only
        + "Fay,Hunt,not-an-email,,,\r\n");                                        // 7 skip

    private async Task<Client> OnFileAsync(string first, string last, string? email, string? phone, DateOnly? born = null)
    {
        await using var db = Database.CreateContext();
        var client = new Client(first, last, email, phone, DateTimeOffset.UtcNow.AddYears(-2));
        if (born is { } date)
        {
            client.RecordDateOfBirth(date, DateOnly.FromDateTime(DateTime.UtcNow));
        }

        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return client;
    }

    private async Task<Page> ConfirmAsync(WebSession admin, Page dryRun, params int[] mergeLines)
    {
        var confirmed = await admin.SubmitAsync(dryRun, ImportFlows.Choices(dryRun, merge: mergeLines));
        confirmed.Status.ShouldBe(HttpStatusCode.Redirect);
        confirmed.Location!.ShouldStartWith("/admin/import/batches/");
        return confirmed;
    }

    [Fact]
    public async Task Confirming_writes_the_batch_once_audited_and_the_same_file_again_changes_nothing()
    {
        var ana = await OnFileAsync("Ana", "Nunez", "ana@example.com", "555-0142");
        var cy = await OnFileAsync("Cy", "Ray", "cy@example.com", "(212) 555-0199");
        await OnFileAsync("Dee", "Park", "dee@example.com", null, new DateOnly(1985, 2, 3));
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var (_, dryRun) = await ImportFlows.DryRunAsync(admin, File);
        ImportFlows.Row(dryRun, 4).Action.ShouldBe("Possible duplicate");
        var confirmed = await ConfirmAsync(admin, dryRun, 4);
        var batchPage = await admin.FollowAsync(confirmed);
        string Counted(string what) => batchPage.Document.QuerySelector($".import-batch dd[data-count='{what}']")!.TextContent.Trim();
        (Counted("created"), Counted("updated"), Counted("unchanged"), Counted("skipped")).ShouldBe(("2", "2", "0", "2"));

        await using (var db = Database.CreateContext())
        {
            var clients = await db.Clients.AsNoTracking().ToListAsync();
            clients.Count.ShouldBe(5, "Zoë and Bo created; Dee not doubled");
            clients.Single(c => c.Email == "zoe@example.com").ShouldSatisfyAllConditions(
                c => c.FirstName.ShouldBe("Zoë"), c => c.DateOfBirth.ShouldBe(new DateOnly(1990, 4, 12)), c => c.Notes.ShouldBe("Prefers mornings"));
            clients.Single(c => c.Phone == "555-0123").LastName.ShouldBe("Phone");
            clients.Single(c => c.Id == ana.Id).DateOfBirth.ShouldBe(new DateOnly(1991, 4, 12));
            var merged = clients.Single(c => c.Id == cy.Id);
            (merged.Email, merged.Phone).ShouldBe(("cy@example.com", "+1 212-555-0199"), "the merge keeps the email on file and takes the file's phone");
            var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == ConfirmImport.Action);
            audit.SubjectId.ShouldBe(Guid.Parse(confirmed.Location![(confirmed.Location!.LastIndexOf('/') + 1)..]));
            audit.Detail.ShouldNotBeNull().ShouldContain("2 created, 2 updated, 0 unchanged, 2 not imported");
            foreach (var secret in new[] { "Zoë", "Martin", "zoe@", "555", "Nunez", "Ray" })
            {
                audit.Detail.ShouldNotContain(secret);
            }
        }

        // The same file again, from the same source: every row made or changed is recognised, nothing new is made.
        var (_, again) = await ImportFlows.DryRunAsync(admin, File);
        ImportFlows.Row(again, 2).ShouldBe(("Unchanged", "Imported before from this source as Zoë Martin: nothing to change."));
        ImportFlows.Row(again, 3).Action.ShouldBe("Unchanged");
        ImportFlows.Row(again, 4).Action.ShouldBe("Unchanged");
        ImportFlows.Row(again, 6).Action.ShouldBe("Unchanged");
        ImportFlows.Row(again, 5).Action.ShouldBe("Possible duplicate", "never merged, still offered");
        var second = await admin.FollowAsync(await ConfirmAsync(admin, again));
        second.Document.QuerySelector(".import-batch dd[data-count='created']")!.TextContent.Trim().ShouldBe("0");
        second.Document.QuerySelector(".import-batch dd[data-count='updated']")!.TextContent.Trim().ShouldBe("0");
        await using (var db = Database.CreateContext())
        {
            (await db.Clients.CountAsync()).ShouldBe(5);
        }
    }

    [Fact]
    public async Task A_double_clicked_confirm_writes_one_batch_and_both_clicks_land_on_it()
    {
        await OnFileAsync("Ana", "Nunez", "ana@example.com", "555-0142");
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (_, dryRun) = await ImportFlows.DryRunAsync(admin, File);

        var clicks = await Task.WhenAll(
            admin.SubmitAsync(dryRun, ImportFlows.Choices(dryRun, merge: [])), admin.SubmitAsync(dryRun, ImportFlows.Choices(dryRun, merge: [])));
        clicks.Select(c => c.Status).ShouldBe([HttpStatusCode.Redirect, HttpStatusCode.Redirect], string.Join(" | ", clicks.Select(c => c.Summary)));
        clicks[0].Location.ShouldBe(clicks[1].Location);
        clicks[0].Location!.ShouldStartWith("/admin/import/batches/");
        await using var db = Database.CreateContext();
        (await db.ImportBatches.CountAsync()).ShouldBe(1);
        (await db.Clients.CountAsync(c => c.Email == "zoe@example.com")).ShouldBe(1, "Zoë was created once");
    }

    [Fact]
    public async Task An_import_is_undone_while_nothing_depends_on_it_and_refused_with_nothing_undone_once_something_does()
    {
        var ana = await OnFileAsync("Ana", "Nunez", "ana@example.com", "555-0142");
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (_, dryRun) = await ImportFlows.DryRunAsync(admin, File);
        var batchUrl = (await ConfirmAsync(admin, dryRun)).Location!;

        var batch = await admin.GetAsync(batchUrl);
        var undone = await admin.SubmitAsync(batch, new Dictionary<string, string>());
        undone.Location.ShouldBe(batchUrl);
        var after = await admin.FollowAsync(undone);
        after.Text.ShouldContain("The import was undone");
        after.Document.QuerySelector("form.import-undo").ShouldBeNull();
        await using (var db = Database.CreateContext())
        {
            (await db.Clients.AsNoTracking().Select(c => c.Id).ToListAsync()).ShouldBe([ana.Id], "the created clients are removed");
            (await db.Clients.AsNoTracking().SingleAsync()).DateOfBirth.ShouldBeNull("Ana's date of birth is as it was");
            (await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == UndoImport.Action)).Detail
                .ShouldBe("4 created clients removed, 1 changed clients restored, 0 fields kept");
        }

        // Imported again, then one of its new clients gets a customer at the payment provider: the undo is refused.
        var (_, again) = await ImportFlows.DryRunAsync(admin, File);
        ImportFlows.Row(again, 2).Action.ShouldBe("Create", "an undone import's rows are new again");
        var secondUrl = (await ConfirmAsync(admin, again)).Location!;
        await using (var db = Database.CreateContext())
        {
            var zoe = await db.Clients.SingleAsync(c => c.Email == "zoe@example.com");
            db.PaymentCustomers.Add(new PaymentCustomer(zoe.Id, "cus_import_test", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var refused = await admin.SubmitAsync(await admin.GetAsync(secondUrl), new Dictionary<string, string>());
        (await admin.FollowAsync(refused)).Text.ShouldContain(
            "1 of the clients this import created have appointments, charts, payments or an online account since: nothing was undone.");
        await using (var db = Database.CreateContext())
        {
            (await db.Clients.CountAsync()).ShouldBe(5);
            (await db.Clients.SingleAsync(c => c.Id == ana.Id)).DateOfBirth.ShouldBe(new DateOnly(1991, 4, 12));
            (await db.ImportBatches.SingleAsync(b => b.UndoneAt == null)).Created.ShouldBe(4);
        }
    }
    [Fact]
    public async Task A_client_the_import_made_and_the_desk_merged_since_is_found_again_by_a_re_import_and_the_undo_is_refused()
    {
        var ana = await OnFileAsync("Ana", "Nunez", "ana@example.com", "555-0142");
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (_, dryRun) = await ImportFlows.DryRunAsync(admin, File);
        var batchUrl = (await ConfirmAsync(admin, dryRun)).Location!;
        Guid zoe;
        await using (var db = Database.CreateContext())
        {
            zoe = (await db.Clients.SingleAsync(c => c.Email == "zoe@example.com")).Id;
        }

        // The imported Zoë turns out to be a second record of Ana: the desk merges it into Ana.
        var compare = await admin.GetAsync($"/front-desk/clients/{ana.Id}/merge/{zoe}");
        var merged = await admin.SubmitAsync(compare, new Dictionary<string, string> { ["Merge.KeepId"] = ana.Id.ToString() });
        merged.Location.ShouldBe($"/front-desk/clients/{ana.Id}", merged.Summary);

        Client kept;
        await using (var db = Database.CreateContext())
        {
            kept = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == ana.Id);
        }

        // The same file again: Zoë's row is found through the tombstone (never a second Zoë, never a 500), and it is the
        // row as imported: nothing of the merged-away record is written onto Ana.
        var (_, again) = await ImportFlows.DryRunAsync(admin, File);
        ImportFlows.Row(again, 2).ShouldBe(("Unchanged", "Imported before from this source as Ana Nunez: nothing to change."));
        await ConfirmAsync(admin, again);
        await using (var db = Database.CreateContext())
        {
            (await db.Clients.CountAsync(c => c.MergedIntoId == null && c.FirstName == "Zoë")).ShouldBe(0, "no second record of the merged client");
            var after = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == ana.Id);
            (after.Email, after.Phone, after.DateOfBirth, after.Notes).ShouldBe((kept.Email, kept.Phone, kept.DateOfBirth, kept.Notes));
        }

        // Undoing the first import would delete the tombstone Ana's history points through: refused, nothing undone.
        var refused = await admin.SubmitAsync(await admin.GetAsync(batchUrl), new Dictionary<string, string>());
        (await admin.FollowAsync(refused)).Text.ShouldContain(
            "1 of the client records this import made or changed were merged with another record since: nothing was undone.");
        await using (var check = Database.CreateContext())
        {
            (await check.Clients.AsNoTracking().SingleAsync(c => c.Id == zoe)).MergedIntoId.ShouldBe(ana.Id);
            (await check.Clients.AsNoTracking().SingleAsync(c => c.Id == ana.Id)).MergedIntoId.ShouldBeNull();
            (await check.Clients.CountAsync(c => c.FirstName == "Bo")).ShouldBe(1, "the import's other clients stay");
            (await check.ImportBatches.CountAsync(b => b.UndoneAt != null)).ShouldBe(0);
        }
    }

    [Fact]
    public async Task The_same_file_again_leaves_what_the_desk_changed_since_and_a_row_changed_in_the_file_still_updates()
    {
        const string WithIds = "Client ID,First Name,Last Name,E-mail,Mobile\r\n";
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (_, first) = await ImportFlows.DryRunAsync(admin, Encoding.UTF8.GetBytes(WithIds
            + "C1,Zoë,Martin,zoe@example.com,555-0100\r\nC2,Bo,Lane,bo@example.com,555-0123\r\n"));
        await ConfirmAsync(admin, first);
        await using (var db = Database.CreateContext())
        {
            (await db.Clients.SingleAsync(c => c.Email == "zoe@example.com")).ChangeContact("zoe@example.com", "555-0999");
            await db.SaveChangesAsync();
        }

        // Zoë's row is as it was imported: the desk's new phone stays. Bo's row has a new phone in the file: it updates.
        var (_, again) = await ImportFlows.DryRunAsync(admin, Encoding.UTF8.GetBytes(WithIds
            + "C1,Zoë,Martin,zoe@example.com,555-0100\r\nC2,Bo,Lane,bo@example.com,555-0124\r\n"));
        ImportFlows.Row(again, 2).Action.ShouldBe("Unchanged");
        ImportFlows.Row(again, 3).ShouldBe(("Update", "Imported before from this source as Bo Lane: the import would change the phone."));
        await ConfirmAsync(admin, again);
        await using (var check = Database.CreateContext())
        {
            (await check.Clients.AsNoTracking().SingleAsync(c => c.Email == "zoe@example.com")).Phone.ShouldBe("555-0999");
            (await check.Clients.AsNoTracking().SingleAsync(c => c.Email == "bo@example.com")).Phone.ShouldBe("555-0124");
        }

        // The changed file a third time: its rows are as imported now.
        var (_, third) = await ImportFlows.DryRunAsync(admin, Encoding.UTF8.GetBytes(WithIds
            + "C1,Zoë,Martin,zoe@example.com,555-0100\r\nC2,Bo,Lane,bo@example.com,555-0124\r\n"));
        ImportFlows.Row(third, 3).Action.ShouldBe("Unchanged");
    }
}
