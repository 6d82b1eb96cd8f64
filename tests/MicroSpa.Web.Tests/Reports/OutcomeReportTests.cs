using System.Globalization;
using System.Net;
using CsvHelper;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Reports;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Reports;

/// <summary>
/// The outcome report against a small clinic: two clients with acne scars on the cheeks over three sessions (one of them
/// also a duplicate record, merged into her since, with a session of its own plan), a client with stretch marks on the
/// abdomen whose first session falls in the previous period, a draft chart (with a score) that does not count, and a
/// client rating missing.
/// </summary>
public sealed class OutcomeReportTests(WebAppFixture fixture) : WebTest(fixture)
{
    /// <summary>The first month reported: three months ahead, so every visit is booked in the future.</summary>
    private static DateOnly Month
    {
        get
        {
            var today = TestClinic.Zone.Today(DateTimeOffset.UtcNow);
            return new DateOnly(today.Year, today.Month, 1).AddMonths(4);
        }
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Three whole months; the previous period is the three months before.</summary>
    private static string Range => $"From={Iso(Month)}&To={Iso(Month.AddMonths(3).AddDays(-1))}";

    /// <summary>
    /// Computed by hand. Acne scars (Goodman &amp; Baron) on the cheeks: Ana 3, 3, 2 (ratings 3, 2, 2; depths 0.75, 1.00, 1.00);
    /// Ben 4, 3, 2 (ratings 4, 3, none; depths 0.50, 0.75, 1.00); Ana's duplicate record, merged into Ana, one session of its
    /// own plan scored 2, not rated, at 0.75 mm. Ben's draft chart between his first and second session (scored 1) is not
    /// counted, nor numbered. Stretch marks (global improvement) on the abdomen: Cara 4 (rated 4) in the previous period,
    /// then 3 (rated 2), both at 1.50 mm.
    /// Session 1: (3 + 4 + 2) / 3 = 3.00, ratings (3 + 4) / 2 = 3.50, depth (0.75 + 0.50 + 0.75) / 3 = 0.67; two clients.
    /// Session 2: (3 + 3) / 2 = 3.00, ratings 2.50, change (0 − 1) / 2 = −0.50, depth 0.875 → 0.88.
    /// Session 3: 2.00, one rating 2.00, change (−1 − 2) / 2 = −1.50.
    /// </summary>
    private static readonly (string Indication, string Area, int Session, int Areas, int Clients, int Scored, string MeanScore, int Rated, string MeanRating,
        int Changed, string MeanChange, string MeanDepth, string Min, string Max, int PreviousAreas, string PreviousMean)[] Expected =
    [
        ("AcneScars", "Cheeks", 1, 3, 2, 3, "3.00", 2, "3.50", 3, "0.00", "0.67", "0.50", "0.75", 0, "—"),
        ("AcneScars", "Cheeks", 2, 2, 2, 2, "3.00", 2, "2.50", 2, "−0.50", "0.88", "0.75", "1.00", 0, "—"),
        ("AcneScars", "Cheeks", 3, 2, 2, 2, "2.00", 1, "2.00", 2, "−1.50", "1.00", "1.00", "1.00", 0, "—"),
        ("StretchMarks", "Abdomen", 1, 0, 0, 0, "—", 0, "—", 0, "—", "—", "—", "—", 1, "4.00"),
        ("StretchMarks", "Abdomen", 2, 1, 1, 1, "3.00", 1, "2.00", 1, "−1.00", "1.50", "1.50", "1.50", 0, "—"),
    ];

    private static readonly string[] Columns =
        ["session", "areas", "clients", "scored", "mean_score", "rated", "mean_rating", "changed", "mean_change", "mean_depth_mm", "min_depth_mm", "max_depth_mm", "previous_areas", "previous_mean_score"];

    private sealed record Seeded(TestClinic Clinic, BodyArea Abdomen, Client Ana, Client Duplicate);

    private async Task<Seeded> SeedAsync()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var now = DateTimeOffset.UtcNow;
        await using var db = Database.CreateContext();
        var abdomen = new BodyArea("Abdomen", BodyRegion.Torso, 20);
        abdomen.SetDepthRules(new DepthBand(1.0m, 2.5m), 2.5m);
        var body = new Service("Microneedling — body", "Stretch marks", ServiceKind.Treatment, 60, 400m, ProviderCredential.Esthetician | ProviderCredential.Nurse, 15, [abdomen]);
        var serum = new Product("Hyaluronic acid serum", "Hydration after needling", notForNeedledSkin: false);
        var ana = new Client("Ana", "Nunez", "ana@example.com", null, now);
        var duplicate = new Client("Ana", "Nunez", "ana.n@example.com", "555-0142", now);
        var ben = new Client("Ben", "Okafor", "ben@example.com", null, now);
        var cara = new Client("Cara", "Diaz", "cara@example.com", null, now);
        db.AddRange(abdomen, body, serum, ana, duplicate, ben, cara);
        db.AttachRange(clinic.Facial, clinic.Cheeks, clinic.Esthetician, clinic.RoomOne, clinic.SkinPen);
        await db.SaveChangesAsync();

        var hour = 8;
        async Task SessionAsync(TreatmentPlan plan, Client client, Service service, BodyArea area, DateOnly day, decimal depth, int? score, int? rating, bool sign = true)
        {
            var appointment = Appointment.Book(client, service, clinic.Esthetician, clinic.RoomOne, clinic.SkinPen, [area], TestClinic.At(hour++, 0, day),
                BookingSource.FrontDesk, now, TestClinic.By);
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
            appointment.CheckIn(now, TestClinic.By);
            var gate = await TestClinic.GiveIntakeAsync(db, appointment, now, photoConsent: true);
            var record = TreatmentRecord.Open(appointment, now);
            var areas = new Dictionary<Guid, BodyArea> { [area.Id] = area };
            var products = new Dictionary<Guid, Product> { [serum.Id] = serum };
            record.SaveDraft(
                new ChartEntry(FitzpatrickType.III, null, [], "Lidocaine 23%", now.AddMinutes(-40), now.AddMinutes(-10), true,
                    clinic.SkinPen.Id, 12, "CART-1", day.AddYears(1), null,
                    [new AreaEntry(area.Id, depth, 4, serum.Id, "HA-1", ClinicalEndpoint.Both, null, null)]),
                areas, products, now);
            if (sign)
            {
                record.Sign(gate, BeforePhotos.For(0, false, record, []), areas, clinic.SkinPen, products, day, Guid.NewGuid(), "Maya Lopez", now);
            }

            db.TreatmentRecords.Add(record);
            db.PlanSessions.Add(new PlanSession(plan.Id, record.Id));
            var progress = ProgressScore.For(record.Id, client.Id, area.Id, area.Name, ProgressScore.ScaleFor(plan.Indication), now);
            if (score is { } s)
            {
                progress.ScoreByProvider(s, now);
            }

            if (rating is { } r)
            {
                progress.RateByClient(r, now);
            }

            db.ProgressScores.Add(progress);
            await db.SaveChangesAsync();
        }

        TreatmentPlan Plan(Client client, Service service, BodyArea area, Indication indication)
        {
            var plan = TreatmentPlan.Create(client.Id, clinic.Esthetician.Id, service.Id, indication, [area.Id], 4, 35, 6, Month.AddMonths(-3), now);
            db.TreatmentPlans.Add(plan);
            return plan;
        }

        var anas = Plan(ana, clinic.Facial, clinic.Cheeks, Indication.AcneScars);
        var bens = Plan(ben, clinic.Facial, clinic.Cheeks, Indication.AcneScars);
        var duplicates = Plan(duplicate, clinic.Facial, clinic.Cheeks, Indication.AcneScars);
        var caras = Plan(cara, body, abdomen, Indication.StretchMarks);
        await db.SaveChangesAsync();
        await SessionAsync(caras, cara, body, abdomen, Month.AddDays(-20), 1.5m, 4, 4);
        await SessionAsync(anas, ana, clinic.Facial, clinic.Cheeks, Month.AddDays(4), 0.75m, 3, 3);
        await SessionAsync(bens, ben, clinic.Facial, clinic.Cheeks, Month.AddDays(5), 0.5m, 4, 4);
        await SessionAsync(duplicates, duplicate, clinic.Facial, clinic.Cheeks, Month.AddDays(6), 0.75m, 2, null);
        await SessionAsync(caras, cara, body, abdomen, Month.AddDays(15), 1.5m, 3, 2);
        await SessionAsync(bens, ben, clinic.Facial, clinic.Cheeks, Month.AddDays(20), 1.0m, 1, 1, sign: false);
        await SessionAsync(anas, ana, clinic.Facial, clinic.Cheeks, Month.AddDays(39), 1.0m, 3, 2);
        await SessionAsync(bens, ben, clinic.Facial, clinic.Cheeks, Month.AddDays(40), 0.75m, 3, 3);
        await SessionAsync(anas, ana, clinic.Facial, clinic.Cheeks, Month.AddDays(74), 1.0m, 2, 2);
        await SessionAsync(bens, ben, clinic.Facial, clinic.Cheeks, Month.AddDays(75), 1.0m, 2, null);
        return new Seeded(clinic, abdomen, ana, duplicate);
    }

    /// <summary>The desk merges Ana's duplicate record into hers, through the merge page.</summary>
    private async Task MergeDuplicateAsync(Seeded seeded)
    {
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var url = $"/front-desk/clients/{seeded.Ana.Id}/merge/{seeded.Duplicate.Id}";
        var compare = await desk.GetAsync(url);
        var merged = await desk.PostAsync(compare, url, new Dictionary<string, string> { ["Merge.KeepId"] = seeded.Ana.Id.ToString() });
        merged.Status.ShouldBe(HttpStatusCode.Redirect);
        await using var db = Database.CreateContext();
        (await db.Clients.SingleAsync(c => c.Id == seeded.Duplicate.Id)).MergedIntoId.ShouldBe(seeded.Ana.Id);
        (await db.TreatmentPlans.CountAsync(p => p.ClientId == seeded.Ana.Id)).ShouldBe(2);
    }

    private static Dictionary<string, string> RowCells(AngleSharp.Dom.IElement row) =>
        row.QuerySelectorAll("[data-figure]").ToDictionary(c => c.GetAttribute("data-figure")!, c => c.TextContent.Trim());

    [Fact]
    public async Task Each_indication_area_and_session_shows_the_hand_computed_scores_change_and_depths()
    {
        var seeded = await SeedAsync();
        await MergeDuplicateAsync(seeded);
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);

        var page = await director.GetAsync($"/reports/outcomes?{Range}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        var rows = page.Document.QuerySelectorAll("#outcome-rows tbody tr").ToList();
        rows.Select(r => (r.GetAttribute("data-indication"), r.GetAttribute("data-area"), r.GetAttribute("data-session")))
            .ShouldBe(Expected.Select(e => ((string?)e.Indication, (string?)e.Area, (string?)e.Session.ToString(CultureInfo.InvariantCulture))));
        foreach (var (e, row) in Expected.Zip(rows))
        {
            var cells = RowCells(row);
            var expected = new[]
            {
                e.Session.ToString(CultureInfo.InvariantCulture), $"{e.Areas}", $"{e.Clients}", $"{e.Scored}", e.MeanScore, $"{e.Rated}", e.MeanRating,
                $"{e.Changed}", e.MeanChange, e.MeanDepth, e.Min, e.Max, $"{e.PreviousAreas}", e.PreviousMean,
            };
            Columns.Select(c => cells[c]).ShouldBe(expected, $"{e.Indication} {e.Area} session {e.Session}");
        }

        page.Document.QuerySelectorAll("figure.outcome-chart").Select(f => f.GetAttribute("data-indication")).ShouldBe(["AcneScars", "StretchMarks"]);
        page.Document.QuerySelectorAll("figure[data-indication=AcneScars] circle.provider-point").Length.ShouldBe(3);
        page.Text.ShouldNotContain("Nunez");
        page.Text.ShouldNotContain("$");
    }

    [Fact]
    public async Task Filters_keep_one_indication_or_one_area()
    {
        var seeded = await SeedAsync();
        using var nurse = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Nurse);

        var acne = await nurse.GetAsync($"/reports/outcomes?{Range}&Indication=AcneScars");
        var abdomen = await nurse.GetAsync($"/reports/outcomes?{Range}&Area={seeded.Abdomen.Id}");

        acne.Document.QuerySelectorAll("#outcome-rows tbody tr").Select(r => r.GetAttribute("data-session")).ShouldBe(["1", "2", "3"]);
        acne.Document.QuerySelectorAll("#outcome-rows tbody tr").Select(r => r.GetAttribute("data-indication")).Distinct().ShouldBe(["AcneScars"]);
        abdomen.Document.QuerySelectorAll("#outcome-rows tbody tr").Select(r => r.GetAttribute("data-area")).ShouldBe(["Abdomen", "Abdomen"]);
        ((AngleSharp.Html.Dom.IHtmlSelectElement)acne.Document.GetElementById("Indication")!).Value.ShouldBe("AcneScars");
    }

    [Fact]
    public async Task The_CSV_holds_the_figures_of_the_page_row_for_row()
    {
        var seeded = await SeedAsync();
        await MergeDuplicateAsync(seeded);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var page = await admin.GetAsync($"/reports/outcomes?{Range}");
        var response = await admin.Client.GetAsync($"/reports/outcomes.csv?{Range}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var csv = ReadCsv(await response.Content.ReadAsStringAsync());
        var header = csv[0];
        var records = csv.Skip(1).Select(r => header.Zip(r).ToDictionary(x => x.First, x => x.Second)).ToList();
        var rows = page.Document.QuerySelectorAll("#outcome-rows tbody tr").ToList();
        records.Count.ShouldBe(rows.Count);
        records.Count.ShouldBe(Expected.Length);
        static decimal? Number(string text) => text is "" or "—" ? null : decimal.Parse(text.Replace('−', '-').TrimStart('+'), CultureInfo.InvariantCulture);
        foreach (var (record, row) in records.Zip(rows))
        {
            var cells = RowCells(row);
            record["area"].ShouldBe(row.GetAttribute("data-area"));
            foreach (var column in Columns)
            {
                Number(record[column]).ShouldBe(Number(cells[column]), column);
            }
        }

        records[0]["indication"].ShouldBe("Acne scars");
        records[0]["scale"].ShouldBe("GoodmanBaron");
    }

    [Theory]
    [InlineData("From=2027-13-01&To=2027-12-31", "From")]
    [InlineData("From=2027-04-01&To=2027-03-01", "To")]
    [InlineData("From=2027-04-01&To=2027-04-30&Indication=Botox", "Indication")]
    [InlineData("From=2027-04-01&To=2027-04-30&Indication=3", "Indication")]
    [InlineData("From=2027-04-01&To=2027-04-30&Area=cheeks", "Area")]
    [InlineData("From=2027-04-01&To=2027-04-30&Area=0198f0c2-0000-7000-8000-000000000000", "Area")]
    public async Task Bad_input_is_told_on_its_field_with_400_for_the_page_and_the_CSV(string query, string field)
    {
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);

        var page = await director.GetAsync($"/reports/outcomes?{query}");
        var csv = await director.GetAsync($"/reports/outcomes.csv?{query}");

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.FieldMessage(field).ShouldNotBeNull();
        csv.Status.ShouldBe(HttpStatusCode.BadRequest);
        csv.FieldMessage(field).ShouldBe(page.FieldMessage(field));
        page.Document.GetElementById("outcome-rows").ShouldBeNull();
    }

    [Fact]
    public async Task Clinicians_the_Admin_and_a_Manager_read_it_the_front_desk_and_clients_do_not()
    {
        foreach (var role in new[] { Roles.MedicalDirector, Roles.Nurse, Roles.Esthetician, Roles.Admin, Roles.Manager })
        {
            using var session = await AccountFlows.SignedInStaffAsync(App, NewSession, role);
            (await session.GetAsync("/reports/outcomes")).Status.ShouldBe(HttpStatusCode.OK, role);
            (await session.GetAsync("/reports/outcomes.csv")).Status.ShouldBe(HttpStatusCode.OK, role);
        }

        using var esthetician = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Esthetician);
        (await esthetician.GetAsync("/reports/outcomes")).Document.QuerySelectorAll("#main-nav a.nav-link").Select(a => a.GetAttribute("href")).ShouldContain("/reports/outcomes");
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        (await admin.GetAsync("/admin/reports")).Document.QuerySelector("a[href='/reports/outcomes']").ShouldNotBeNull();

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var (client, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        using var signedInClient = client;
        foreach (var (who, session) in new[] { ("front desk", desk), ("client", client) })
        {
            foreach (var path in new[] { "/reports/outcomes", "/reports/outcomes.csv" })
            {
                var refused = await session.GetAsync(path);
                refused.Status.ShouldBe(HttpStatusCode.Redirect, $"{who} {path}");
                refused.Location!.ShouldContain("/account/access-denied", Case.Sensitive, $"{who} {path}");
            }
        }
    }

    [Fact]
    public async Task Every_figures_definition_is_written_in_docs_reports()
    {
        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "reports.md"));
        docs.ShouldContain(OutcomeReport.Counted);
        foreach (var d in OutcomeReport.Definitions)
        {
            docs.ShouldContain($"| `{d.Key}` | {d.Label} | {d.Sentence} |");
        }
    }

    private static List<string[]> ReadCsv(string text)
    {
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return rows;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MicroSpa.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("MicroSpa.sln not found above the test's folder.");
    }
}
