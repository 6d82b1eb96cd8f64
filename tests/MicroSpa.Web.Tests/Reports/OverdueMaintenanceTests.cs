using System.Net;
using CsvHelper;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Plans;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Reports;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;

namespace MicroSpa.Web.Tests.Reports;

/// <summary>
/// Overdue maintenance in the loyalty report, at the end of June 2027 against the end of May 2027: finished series falling
/// due, one client opted out of reminders, a missed appointment that is no visit, a visit since, an unfinished series, an
/// ended plan, a longer interval, and a duplicate client merged into another with a plan of its own.
/// </summary>
public sealed class OverdueMaintenanceTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Range = "From=2027-06-01&To=2027-06-30";

    private sealed record Seeded(Client Ann, Client Dan, Client Hal, Client Duplicate);

    /// <summary>
    /// Every plan has 2 planned sessions and maintenance every 6 months unless said. Due on the last session's day + 6 months:
    /// Ann 15 Dec 2026 → 15 Jun 2027; Ben (opted out) 2 Nov → 2 May; Cal 3 Nov → 3 May but a visit on 10 June 2027 (booked
    /// before May ended): never due; Dan 4 Nov → 4 May, his 20 May appointment missed (no visit); Eve 1 of 3 sessions: not
    /// finished; Fin's plan ended on 1 Dec 2026: nothing due; Gia every 12 months: 5 Nov 2027; Hal 6 Nov → 6 May (acne scars)
    /// and his duplicate's pigmentation 5 Nov → 5 May, merged into Hal: one client, and Hal's own session of 6 Nov is a visit
    /// since the duplicate's last one, so only the acne scars are due, since 6 May.
    /// At 30 June: Ann, Ben, Dan, Hal = 4, Ben opted out, so the list is Dan (4 May), Hal (6 May), Ann (15 June).
    /// At 31 May: Ben, Dan, Hal = 3 (Ann is due on 15 June).
    /// </summary>
    private async Task<Seeded> SeedAsync()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await using var db = Database.CreateContext();
        var plans = new PlanBuilder(db, clinic);
        static DateOnly D(int year, int month, int day) => new(year, month, day);

        async Task<Client> FinishedAsync(Client client, Indication indication, DateOnly first, DateOnly last, int maintenanceMonths = 6)
        {
            var plan = await plans.PlanAsync(client, indication, first, 2, maintenanceMonths);
            await plans.SessionAsync(plan, client, first);
            await plans.SessionAsync(plan, client, last);
            return client;
        }

        var ann = await FinishedAsync(await plans.ClientAsync("Ann", "Ames"), Indication.AcneScars, D(2026, 11, 10), D(2026, 12, 15));
        await FinishedAsync(await plans.ClientAsync("Ben", "Bell", optedOut: true), Indication.AcneScars, D(2026, 10, 5), D(2026, 11, 2));
        var cal = await FinishedAsync(await plans.ClientAsync("Cal", "Cole"), Indication.AcneScars, D(2026, 10, 6), D(2026, 11, 3));
        await plans.VisitAsync(cal, D(2027, 6, 10));
        var dan = await FinishedAsync(await plans.ClientAsync("Dan", "Dunn"), Indication.AcneScars, D(2026, 10, 7), D(2026, 11, 4));
        var missed = await plans.VisitAsync(dan, D(2027, 5, 20), checkIn: false);
        missed.MarkNoShow(missed.StartsAt.AddHours(1), TestClinic.By);
        var eve = await plans.ClientAsync("Eve", "Egan");
        await plans.SessionAsync(await plans.PlanAsync(eve, Indication.AcneScars, D(2026, 10, 12), 3), eve, D(2026, 10, 12));
        var fin = await plans.ClientAsync("Fin", "Ford");
        var fins = await plans.PlanAsync(fin, Indication.AcneScars, D(2026, 10, 13), 2);
        await plans.SessionAsync(fins, fin, D(2026, 10, 13));
        await plans.SessionAsync(fins, fin, D(2026, 11, 10));
        fins.End(D(2026, 12, 1), "Goal reached");
        await FinishedAsync(await plans.ClientAsync("Gia", "Gray"), Indication.AcneScars, D(2026, 10, 14), D(2026, 11, 5), maintenanceMonths: 12);
        var hal = await FinishedAsync(await plans.ClientAsync("Hal", "Hart"), Indication.AcneScars, D(2026, 10, 9), D(2026, 11, 6));
        var duplicate = await FinishedAsync(await plans.ClientAsync("Hal", "Hart"), Indication.Pigmentation, D(2026, 10, 8), D(2026, 11, 5));
        await db.SaveChangesAsync();
        return new Seeded(ann, dan, hal, duplicate);
    }

    private async Task MergeAsync(Seeded seeded)
    {
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var url = $"/front-desk/clients/{seeded.Hal.Id}/merge/{seeded.Duplicate.Id}";
        var merged = await desk.PostAsync(await desk.GetAsync(url), url, new Dictionary<string, string> { ["Merge.KeepId"] = seeded.Hal.Id.ToString() });
        merged.Status.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_page_counts_the_clients_due_for_maintenance_at_each_periods_end()
    {
        await MergeAsync(await SeedAsync());
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var page = await admin.GetAsync($"/admin/reports/loyalty?{Range}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelector("#loyalty-summary tr[data-figure='overdue_maintenance'] .current")!.TextContent.Trim().ShouldBe("4");
        page.Document.QuerySelector("#loyalty-summary tr[data-figure='overdue_maintenance'] .previous")!.TextContent.Trim().ShouldBe("3");
        page.Document.GetElementById("maintenance-count")!.TextContent.ShouldBe("4 due for maintenance at 30 June 2027, of whom 1 opted out of reminders and are left off the list.");
        page.Text.ShouldNotContain("Dunn");
    }

    [Fact]
    public async Task The_maintenance_list_names_whom_to_call_and_leaves_out_who_opted_out()
    {
        var seeded = await SeedAsync();
        await MergeAsync(seeded);
        using var manager = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Manager);

        var response = await manager.Client.GetAsync($"/admin/reports/loyalty/maintenance.csv?{Range}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("maintenance-due-at-2027-06-30.csv");
        using var reader = CsvReader.FromText(await response.Content.ReadAsStringAsync());
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        rows.Select(r => r[0]).ShouldBe([seeded.Dan.Id.ToString(), seeded.Hal.Id.ToString(), seeded.Ann.Id.ToString()]);
        rows[0][1..3].ShouldBe(["Dan", "Dunn"]);
        rows[0][3].ShouldBe("dan.dunn@example.com");
        rows[0][5..].ShouldBe(["Acne scars", "2026-11-04", "2027-05-04"]);
        rows[1][5..].ShouldBe(["Acne scars", "2026-11-06", "2027-05-06"]);
        rows[2][5..].ShouldBe(["Acne scars", "2026-12-15", "2027-06-15"]);
    }

    [Fact]
    public async Task Bad_input_on_the_maintenance_list_is_told_on_its_field_with_400()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var page = await admin.GetAsync("/admin/reports/loyalty/maintenance.csv?From=2027-06-30&To=2027-06-01");

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.FieldMessage("To").ShouldNotBeNull();
        page.Text.ShouldNotContain("client_id");
    }

    [Fact]
    public async Task The_list_definition_is_written_in_docs_reports()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MicroSpa.sln")))
        {
            dir = dir.Parent;
        }

        (await File.ReadAllTextAsync(Path.Combine(dir!.FullName, "docs", "reports.md"))).ShouldContain(OverdueMaintenance.ListDefinition);
    }
}
