using System.Net;
using System.Text;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Import;

/// <summary>
/// Undoing an import never fails the Admin (decision 050): a client changed twice by one batch, a client with an online
/// account since, a field the desk changed since: the batch is undone and what was kept is said, line by line; and the
/// undo queues behind the clinic's import lock.
/// </summary>
public sealed class ImportUndoTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Header = "First Name,Last Name,E-mail,Mobile,DOB,Notes\r\n";

    private async Task<Client> OnFileAsync(string first, string last, string? email, string? phone)
    {
        await using var db = Database.CreateContext();
        var client = new Client(first, last, email, phone, DateTimeOffset.UtcNow.AddYears(-2));
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return client;
    }

    private async Task<string> ImportAsync(WebSession admin, string rows, params int[] mergeLines)
    {
        var (_, dryRun) = await ImportFlows.DryRunAsync(admin, Encoding.UTF8.GetBytes(Header + rows));
        var confirmed = await admin.SubmitAsync(dryRun, ImportFlows.Choices(dryRun, merge: mergeLines));
        confirmed.Status.ShouldBe(HttpStatusCode.Redirect);
        confirmed.Location!.ShouldStartWith("/admin/import/batches/");
        return confirmed.Location!;
    }

    private static async Task<Page> UndoAsync(WebSession admin, string batchUrl)
    {
        var undone = await admin.SubmitAsync(await admin.GetAsync(batchUrl), new Dictionary<string, string>());
        undone.Status.ShouldBe(HttpStatusCode.Redirect);
        return await admin.FollowAsync(undone);
    }

    private static string[] Kept(Page batch) =>
        [.. batch.Document.QuerySelectorAll(".import-undo-notes li").Select(li => li.TextContent.Trim())];

    [Fact]
    public async Task A_batch_that_changed_one_client_twice_is_undone_to_what_the_first_row_replaced()
    {
        var ana = await OnFileAsync("Ana", "Nunez", "ana@example.com", "555-0142");
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        // Line 2 updates Ana by her email; line 3 has her phone and is merged into her too.
        var batchUrl = await ImportAsync(admin, "Ana,Nunez,ana@example.com,,4/12/1991,\r\nAnita,Nunez,anita@other.test,555-0142,,Likes tea\r\n", 3);
        await using (var db = Database.CreateContext())
        {
            var changed = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == ana.Id);
            (changed.DateOfBirth, changed.Notes).ShouldBe((new DateOnly(1991, 4, 12), "Likes tea"));
        }

        var after = await UndoAsync(admin, batchUrl);

        after.Text.ShouldContain("The import was undone");
        Kept(after).ShouldBeEmpty();
        await using (var db = Database.CreateContext())
        {
            var restored = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == ana.Id);
            (restored.Email, restored.Phone, restored.DateOfBirth, restored.Notes).ShouldBe(("ana@example.com", "555-0142", (DateOnly?)null, (string?)null));
        }
    }

    [Fact]
    public async Task The_email_of_a_client_with_an_online_account_since_is_kept_and_the_batch_page_names_the_line()
    {
        var gil = await OnFileAsync("Gil", "Lee", null, "555-0166");
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        // The file gives Gil, on file with his phone only, an email; then he signs up to the portal with it.
        var batchUrl = await ImportAsync(admin, "Gil,Lee,gil@example.com,555-0166,,\r\n", 2);
        await using (var db = Database.CreateContext())
        {
            (await db.Clients.SingleAsync(c => c.Id == gil.Id)).LinkAccount(Guid.NewGuid());
            await db.SaveChangesAsync();
        }

        var after = await UndoAsync(admin, batchUrl);

        after.Status.ShouldBe(HttpStatusCode.OK);
        after.Text.ShouldContain("The import was undone");
        Kept(after).ShouldBe(["Line 2: the email was kept: the client has an online account since, which signs in with it."]);
        await using (var db = Database.CreateContext())
        {
            (await db.Clients.AsNoTracking().SingleAsync(c => c.Id == gil.Id)).Email.ShouldBe("gil@example.com");
            (await db.ImportBatches.AsNoTracking().SingleAsync()).UndoneAt.ShouldNotBeNull();
        }
    }

    [Fact]
    public async Task What_the_desk_changed_after_the_import_is_kept_by_the_undo_and_said()
    {
        var ana = await OnFileAsync("Ana", "Nunez", "ana@example.com", "555-0142");
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var batchUrl = await ImportAsync(admin, "Ana,Nunez,ana@example.com,,4/12/1991,Likes tea\r\n");
        await using (var db = Database.CreateContext())
        {
            (await db.Clients.SingleAsync(c => c.Id == ana.Id)).RecordDateOfBirth(new DateOnly(1991, 5, 1), DateOnly.FromDateTime(DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var after = await UndoAsync(admin, batchUrl);

        Kept(after).ShouldBe(["Line 2: the date of birth was changed since the import, so it was kept as it is."]);
        await using (var check = Database.CreateContext())
        {
            var restored = await check.Clients.AsNoTracking().SingleAsync(c => c.Id == ana.Id);
            (restored.DateOfBirth, restored.Notes).ShouldBe((new DateOnly(1991, 5, 1), (string?)null), "the desk's date stays, the import's notes go");
        }
    }

    [Fact]
    public async Task The_undo_waits_for_the_clinics_import_lock()
    {
        await OnFileAsync("Ana", "Nunez", "ana@example.com", "555-0142");
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var batchUrl = await ImportAsync(admin, "Ana,Nunez,ana@example.com,,4/12/1991,\r\nZoë,Martin,zoe@example.com,555-0100,,\r\n");
        var batch = await admin.GetAsync(batchUrl);

        await using var holder = Database.CreateContext();
        await using var transaction = await holder.Database.BeginTransactionAsync();
        await holder.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"microspa:client-import"}))");
        var undo = admin.SubmitAsync(batch, new Dictionary<string, string>());
        (await Task.WhenAny(undo, Task.Delay(TimeSpan.FromSeconds(1)))).ShouldNotBe(undo, "the undo queues while an import holds the lock");
        await transaction.RollbackAsync();

        (await undo).Location.ShouldBe(batchUrl);
        await using var db = Database.CreateContext();
        (await db.Clients.CountAsync()).ShouldBe(1);
    }
}
