using System.Net;
using System.Text;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Import;

/// <summary>
/// Every possible duplicate gets the Admin's choice (decision 050): merge into the client offered for that line, create
/// as new, or skip; counted on the batch's page. A merge offered for one client is never done into another, and rows of
/// one file with the same phone are possible duplicates of each other.
/// </summary>
public sealed class ImportDuplicateTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Header = "First Name,Last Name,E-mail,Mobile,DOB\r\n";

    private async Task<Client> OnFileAsync(string first, string last, string? email, string? phone, int yearsAgo = 2, DateOnly? born = null)
    {
        await using var db = Database.CreateContext();
        var client = new Client(first, last, email, phone, DateTimeOffset.UtcNow.AddYears(-yearsAgo));
        if (born is { } date)
        {
            client.RecordDateOfBirth(date, DateOnly.FromDateTime(DateTime.UtcNow));
        }

        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return client;
    }

    private static string Problem(Page page) => page.Document.QuerySelector(".import-problem")?.TextContent.Trim() ?? string.Empty;

    [Fact]
    public async Task A_possible_duplicate_without_a_choice_refuses_the_confirm_naming_the_line_and_nothing_is_written()
    {
        await OnFileAsync("Cy", "Ray", "cy@example.com", "(212) 555-0199");
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (_, dryRun) = await ImportFlows.DryRunAsync(admin, Encoding.UTF8.GetBytes(Header
            + "Zoë,Martin,zoe@example.com,555-0100,\r\nCyrus,Ray,cyrus@other.test,+1 212-555-0199,\r\n"));
        ImportFlows.Row(dryRun, 3).Action.ShouldBe("Possible duplicate");

        var refused = await admin.SubmitAsync(dryRun, new Dictionary<string, string>());

        refused.Status.ShouldBe(HttpStatusCode.Redirect);
        refused.Location!.ShouldEndWith("/dry-run");
        Problem(await admin.FollowAsync(refused)).ShouldBe("Line 3 may be a duplicate: choose whether to merge it, create it as a new client or skip it.");
        await using var db = Database.CreateContext();
        (await db.Clients.CountAsync()).ShouldBe(1, "not even Zoë: all or nothing");
        (await db.ImportBatches.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Each_possible_duplicate_is_merged_created_as_new_or_skipped_as_chosen_and_counted_on_the_batch_page()
    {
        var cy = await OnFileAsync("Cy", "Ray", "cy@example.com", "(212) 555-0199");
        await OnFileAsync("Dee", "Park", "dee@example.com", null, born: new DateOnly(1985, 2, 3));
        await OnFileAsync("Eve", "Stone", "eve@example.com", "555-0155");
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (_, dryRun) = await ImportFlows.DryRunAsync(admin, Encoding.UTF8.GetBytes(Header
            + "Cyrus,Ray,cyrus@other.test,+1 212-555-0199,\r\n"    // 2 merge into Cy
            + "Dee,Park,,555-0177,1985-02-03\r\n"                  // 3 create as new
            + "Evan,Stone,evan@example.com,555-0155,\r\n"));       // 4 skip

        var confirmed = await admin.SubmitAsync(dryRun, ImportFlows.Choices(dryRun, merge: [2], create: [3]));

        confirmed.Status.ShouldBe(HttpStatusCode.Redirect, Problem(await admin.FollowAsync(confirmed)));
        var batch = await admin.FollowAsync(confirmed);
        string Counted(string what) => batch.Document.QuerySelector($".import-batch dd[data-count='{what}']")!.TextContent.Trim();
        (Counted("duplicates-merged"), Counted("duplicates-created"), Counted("duplicates-skipped")).ShouldBe(("1", "1", "1"));
        (Counted("created"), Counted("updated"), Counted("skipped")).ShouldBe(("1", "1", "1"));
        await using var db = Database.CreateContext();
        (await db.Clients.CountAsync(c => c.FirstName == "Dee")).ShouldBe(2, "created as new, as chosen");
        (await db.Clients.CountAsync(c => c.FirstName == "Evan")).ShouldBe(0, "skipped, as chosen");
        (await db.Clients.AsNoTracking().SingleAsync(c => c.Id == cy.Id)).Phone.ShouldBe("+1 212-555-0199");
    }

    [Fact]
    public async Task A_merge_offered_for_one_client_is_refused_when_the_dry_run_now_offers_another()
    {
        // Two clients share a phone: the oldest is offered, on every read.
        var cy = await OnFileAsync("Cy", "Ray", "cy@example.com", "(212) 555-0199", yearsAgo: 3);
        var cyra = await OnFileAsync("Cyra", "Ray", "cyra@example.com", "212-555-0199", yearsAgo: 1);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (_, dryRun) = await ImportFlows.DryRunAsync(admin, Encoding.UTF8.GetBytes(Header + "Cyrus,Ray,,+1 212-555-0199,1980-01-01\r\n"));
        ImportFlows.Row(dryRun, 2).Detail.ShouldBe("May be Cy Ray, on file with the same phone: offered for merge.");
        var choices = ImportFlows.Choices(dryRun, merge: [2]);

        // Before the Admin confirms, the desk merges Cy into Cyra: the dry run would now offer Cyra.
        await using (var db = Database.CreateContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE clients SET merged_into_id = {cyra.Id}, merged_at = now() WHERE id = {cy.Id}");
        }

        var refused = await admin.SubmitAsync(dryRun, choices);

        refused.Location!.ShouldEndWith("/dry-run");
        Problem(await admin.FollowAsync(refused)).ShouldBe(
            "Line 2: the client offered for merge is not the one the dry run finds now (the clients on file changed): look at the dry run again and choose.");
        await using var check = Database.CreateContext();
        (await check.Clients.AsNoTracking().SingleAsync(c => c.Id == cyra.Id)).DateOfBirth.ShouldBeNull("nothing merged into Cyra");
        (await check.ImportBatches.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Rows_of_one_file_with_the_same_phone_are_possible_duplicates_of_each_other()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (_, dryRun) = await ImportFlows.DryRunAsync(admin, Encoding.UTF8.GetBytes(Header
            + "Ana,Lee,ana.lee@example.com,(212) 555-0150,\r\nBen,Lee,ben.lee@example.com,+1 212 555 0150,\r\nCal,Lee,cal.lee@example.com,212-555-0150,\r\n"));

        ImportFlows.Row(dryRun, 2).Action.ShouldBe("Create");
        ImportFlows.Row(dryRun, 3).ShouldBe(("Possible duplicate", "May be the same person as line 2, with the same phone: create as new, or skip."));
        ImportFlows.Row(dryRun, 4).Action.ShouldBe("Possible duplicate");
        dryRun.Document.QuerySelector("tr[data-line='3'] input[data-choice='merge']").ShouldBeNull("there is no client on file to merge into yet");
        var confirmed = await admin.SubmitAsync(dryRun, ImportFlows.Choices(dryRun, create: [3]));

        confirmed.Status.ShouldBe(HttpStatusCode.Redirect);
        await using var db = Database.CreateContext();
        (await db.Clients.Select(c => c.FirstName).OrderBy(n => n).ToListAsync()).ShouldBe(["Ana", "Ben"]);
    }
}
