using System.Globalization;
using System.Net;
using CsvHelper;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Plans;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Reports;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Reports;

/// <summary>
/// Series completion in the loyalty report, June 2027 against May 2027: plans finished (one with its last sessions after the
/// period, one ended after its last session), one still running with a draft chart, one ended early, one ended and reopened,
/// one of a duplicate client merged since, and plans started outside both periods.
/// </summary>
public sealed class SeriesCompletionTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Range = "From=2027-06-01&To=2027-06-30";

    /// <summary>
    /// Computed by hand from <see cref="SeedAsync"/>.
    /// June, acne scars: Ava (3 planned, 3 signed on 2 June, 7 July, 11 August: finished), Bea (3 planned, 2 signed and a
    /// draft: running), Cy (4 planned, 1 signed, ended 1 July: ended early), Dee (2 planned, 1 signed, ended then reopened:
    /// running) = 4 started, 1 finished, 1 ended early, 2 running, 1/4 = 25.0 %.
    /// June, pigmentation: Eli (2 planned, 2 signed, then ended "goal reached": finished), Fay's duplicate record (2 planned,
    /// none signed; merged into Fay since: running, counted once) = 2 started, 1 finished, 0 ended early, 1 running, 50.0 %.
    /// May, acne scars: Fay (2 planned, 2 signed: finished), Gus (3 planned, 1 signed, ended: ended early) = 2, 50.0 %.
    /// Not counted: Gus's plan of 30 April and Ava's of 1 July. All: 6 started, 2 finished, 1 ended early, 3 running,
    /// 2/6 = 33.3 % against 2 started, 50.0 %: −16.7.
    /// </summary>
    private static readonly (string Key, string Started, string Finished, string EndedEarly, string Running, string Rate, string PreviousStarted, string PreviousRate, string Change)[] Expected =
    [
        ("AcneScars", "4", "1", "1", "2", "25.0 %", "2", "50.0 %", "−25.0 %"),
        ("Pigmentation", "2", "1", "0", "1", "50.0 %", "0", "—", "—"),
        ("all", "6", "2", "1", "3", "33.3 %", "2", "50.0 %", "−16.7 %"),
    ];

    private sealed record Seeded(Client Fay, Client Duplicate);

    private async Task<Seeded> SeedAsync()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await using var db = Database.CreateContext();
        var plans = new PlanBuilder(db, clinic);
        static DateOnly D(int month, int day) => new(2027, month, day);
        var (ava, bea, cy, dee, eli, fay, duplicate, gus) = (await plans.ClientAsync("Ava", "Ames"), await plans.ClientAsync("Bea", "Bell"),
            await plans.ClientAsync("Cy", "Cole"), await plans.ClientAsync("Dee", "Dunn"), await plans.ClientAsync("Eli", "Egan"),
            await plans.ClientAsync("Fay", "Ford"), await plans.ClientAsync("Fay", "Ford"), await plans.ClientAsync("Gus", "Gray"));

        var avas = await plans.PlanAsync(ava, Indication.AcneScars, D(6, 2), 3);
        foreach (var day in new[] { D(6, 2), D(7, 7), D(8, 11) })
        {
            await plans.SessionAsync(avas, ava, day);
        }

        var beas = await plans.PlanAsync(bea, Indication.AcneScars, D(6, 5), 3);
        await plans.SessionAsync(beas, bea, D(6, 5));
        await plans.SessionAsync(beas, bea, D(7, 3));
        await plans.SessionAsync(beas, bea, D(7, 31), sign: false);

        var cys = await plans.PlanAsync(cy, Indication.AcneScars, D(6, 10), 4);
        await plans.SessionAsync(cys, cy, D(6, 10));
        cys.End(D(7, 1), "The client stopped");

        var dees = await plans.PlanAsync(dee, Indication.AcneScars, D(6, 12), 2);
        await plans.SessionAsync(dees, dee, D(6, 12));
        dees.End(D(6, 20), "The client stopped");
        dees.Reopen();

        var elis = await plans.PlanAsync(eli, Indication.Pigmentation, D(6, 15), 2);
        await plans.SessionAsync(elis, eli, D(6, 15));
        await plans.SessionAsync(elis, eli, D(6, 29));
        elis.End(D(6, 30), "Goal reached");

        await plans.PlanAsync(duplicate, Indication.Pigmentation, D(6, 20), 2);

        var fays = await plans.PlanAsync(fay, Indication.AcneScars, D(5, 3), 2);
        await plans.SessionAsync(fays, fay, D(5, 3));
        await plans.SessionAsync(fays, fay, D(5, 31));
        var guss = await plans.PlanAsync(gus, Indication.AcneScars, D(5, 20), 3);
        await plans.SessionAsync(guss, gus, D(5, 20));
        guss.End(D(6, 25), "The client moved away");
        await plans.PlanAsync(gus, Indication.Pigmentation, D(4, 30), 2);
        await plans.PlanAsync(ava, Indication.Pigmentation, D(7, 1), 2);
        await db.SaveChangesAsync();
        return new Seeded(fay, duplicate);
    }

    /// <summary>The desk merges Fay's duplicate record into hers, through the merge page.</summary>
    private async Task MergeDuplicateAsync(Seeded seeded)
    {
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var url = $"/front-desk/clients/{seeded.Fay.Id}/merge/{seeded.Duplicate.Id}";
        var compare = await desk.GetAsync(url);
        var merged = await desk.PostAsync(compare, url, new Dictionary<string, string> { ["Merge.KeepId"] = seeded.Fay.Id.ToString() });
        merged.Status.ShouldBe(HttpStatusCode.Redirect);
        await using var db = Database.CreateContext();
        (await db.TreatmentPlans.CountAsync(p => p.ClientId == seeded.Fay.Id)).ShouldBe(2);
    }

    [Fact]
    public async Task Each_indication_shows_the_hand_computed_plans_started_finished_ended_and_running()
    {
        await MergeDuplicateAsync(await SeedAsync());
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var page = await admin.GetAsync($"/admin/reports/loyalty?{Range}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        var rows = page.Document.QuerySelectorAll("#series-completion tbody tr").ToList();
        rows.Select(r => r.GetAttribute("data-indication")).ShouldBe(Expected.Select(e => (string?)e.Key));
        foreach (var (e, row) in Expected.Zip(rows))
        {
            string Cell(string name) => row.QuerySelector($".{name}")!.TextContent.Trim();
            new[] { Cell("started"), Cell("finished"), Cell("ended-early"), Cell("running"), Cell("rate"), Cell("previous-started"), Cell("previous-rate"), Cell("change") }
                .ShouldBe([e.Started, e.Finished, e.EndedEarly, e.Running, e.Rate, e.PreviousStarted, e.PreviousRate, e.Change], e.Key);
        }

        page.Document.QuerySelectorAll("figure.series-chart rect.bar").Length.ShouldBe(3);
        page.Document.QuerySelector("#series-completion tr[data-indication=AcneScars] th")!.TextContent.ShouldBe("Acne scars");
    }

    [Fact]
    public async Task The_series_CSV_holds_the_page_figures()
    {
        await MergeDuplicateAsync(await SeedAsync());
        using var manager = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Manager);

        var response = await manager.Client.GetAsync($"/admin/reports/loyalty/series.csv?{Range}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("series-completion-2027-06-01-to-2027-06-30.csv");
        using var reader = CsvReader.FromText(await response.Content.ReadAsStringAsync());
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Number(reader.GetString(i)))]);
        }

        rows.ShouldBe(
        [
            ["AcneScars", "2027-06-01", "2027-06-30", "4", "1", "1", "2", "25", "2", "1", "50"],
            ["Pigmentation", "2027-06-01", "2027-06-30", "2", "1", "0", "1", "50", "0", "0", ""],
            ["all", "2027-06-01", "2027-06-30", "6", "2", "1", "3", "33.3", "2", "1", "50"],
        ]);
    }

    /// <summary>A number as a reader would take it (25.0 and 25 alike); other text as it is.</summary>
    private static string Number(string cell) =>
        decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d.ToString("0.###", CultureInfo.InvariantCulture) : cell;

    [Theory]
    [InlineData("From=2027-06-30&To=2027-06-01", "To")]
    [InlineData("From=2027-13-01&To=2027-06-30", "From")]
    public async Task Bad_input_on_the_series_CSV_is_told_on_its_field_with_400(string query, string field)
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var page = await admin.GetAsync($"/admin/reports/loyalty/series.csv?{query}");

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.FieldMessage(field).ShouldNotBeNull();
        page.Document.GetElementById("series-completion").ShouldBeNull();
    }

    [Fact]
    public async Task Every_series_definition_is_written_in_docs_reports()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MicroSpa.sln")))
        {
            dir = dir.Parent;
        }

        var docs = await File.ReadAllTextAsync(Path.Combine(dir!.FullName, "docs", "reports.md"));
        foreach (var (key, label, sentence) in SeriesCompletion.Definitions)
        {
            docs.ShouldContain($"| `{key}` | {label} | {sentence} |");
        }

    }
}
