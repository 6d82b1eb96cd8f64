using System.Globalization;
using CsvHelper;
using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Infrastructure.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>Issue 21's outcome report in the demo clinic: the medical director finds it in the menu, keeps acne scars, and the CSV holds the page's figures.</summary>
public sealed class OutcomeReportJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_medical_director_filters_acne_scars_in_the_demo_clinic_and_downloads_the_same_figures()
    {
        await using (var scope = Fixture.App.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<DemoClinicSeeder>(scope.ServiceProvider).SeedAsync(CancellationToken.None);
        }

        var director = await SignedInAsync(Roles.MedicalDirector);
        await director.GetByRole(AriaRole.Link, new() { Name = "Outcomes", Exact = true }).ClickAsync();
        await director.WaitForURLAsync("**/reports/outcomes");
        await director.Locator("#outcome-rows").WaitForAsync();
        await director.AssertNoSeriousViolationsAsync();

        await director.GetByLabel("Indication", new() { Exact = true }).SelectOptionAsync("AcneScars");
        await director.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await director.WaitForURLAsync("**Indication=AcneScars**");
        var rows = director.Locator("#outcome-rows tbody tr");
        (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.indication + ' ' + r.dataset.area + ' ' + r.dataset.session)"))
            .ShouldBe(["AcneScars Cheeks 1", "AcneScars Cheeks 2", "AcneScars Cheeks 3"]);
        // The demo's three clients scored 4, 3, 4 at the first session and 2, 2, 3 at the third.
        (await director.Locator("#outcome-rows tr[data-session='1'] td[data-figure='mean_score']").InnerTextAsync()).ShouldBe("3.67");
        (await director.Locator("#outcome-rows tr[data-session='3'] td[data-figure='mean_score']").InnerTextAsync()).ShouldBe("2.33");
        (await director.Locator("#outcome-rows tr[data-session='3'] td[data-figure='mean_change']").InnerTextAsync()).ShouldBe("−1.33");
        (await director.Locator("figure.outcome-chart").CountAsync()).ShouldBe(1);
        (await director.Locator("figure.outcome-chart circle.provider-point").CountAsync()).ShouldBe(3);
        await director.AssertNoSeriousViolationsAsync();

        var download = await director.RunAndWaitForDownloadAsync(() => director.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        download.SuggestedFilename.ShouldStartWith("outcomes-");
        var csv = new List<string[]>();
        using (var reader = CsvReader.FromText(await File.ReadAllTextAsync((await download.PathAsync())!), new CsvReaderOptions { HasHeader = false }))
        {
            while (reader.Read())
            {
                csv.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
            }
        }

        var header = csv[0];
        csv.Count.ShouldBe(4);
        foreach (var line in csv.Skip(1))
        {
            line[Array.IndexOf(header, "indication")].ShouldBe("Acne scars");
            var session = line[Array.IndexOf(header, "session")];
            foreach (var figure in new[] { "areas", "clients", "mean_score", "mean_rating", "mean_change", "mean_depth_mm" })
            {
                var shown = await director.Locator($"#outcome-rows tr[data-session='{session}'] td[data-figure='{figure}']").InnerTextAsync();
                decimal.Parse(line[Array.IndexOf(header, figure)], CultureInfo.InvariantCulture)
                    .ShouldBe(decimal.Parse(shown.Replace('−', '-').TrimStart('+'), CultureInfo.InvariantCulture), $"session {session} {figure}");
            }
        }
    }
}
