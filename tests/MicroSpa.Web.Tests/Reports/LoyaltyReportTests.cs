using System.Net;
using CsvHelper;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Reports;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;

namespace MicroSpa.Web.Tests.Reports;

/// <summary>
/// The loyalty report for June 2027 against May 2027: a prebooked visit, one rebooked four days later, one not rebooked, a
/// no-show that is no visit, first-time clients back within 90 and 180 days, and lapsed clients (one opted out of reminders).
/// </summary>
public sealed class LoyaltyReportTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Range = "From=2027-06-01&To=2027-06-30";

    /// <summary>
    /// Computed by hand from <see cref="SeedAsync"/> (all visits checked in, at 10:00 in the clinic).
    /// June: visits Ava 3 June, Bea 10 June, Cy 20 June (Fay's 5 June no-show is no visit) = 3. Ava's next appointment
    /// (1 July) was booked on 3 June at 15:00, before her day ended: prebooked and rebooked within 7 days. Bea's (20 September)
    /// was booked on 14 June: not prebooked, rebooked within 7 days (by the end of 17 June). Cy booked nothing. Prebook 1/3 =
    /// 33.3 %, within 7 days 2/3 = 66.7 %. First visits in June: Ava and Bea (Cy first came on 4 January) = 2; Ava back on
    /// 1 July (28 days), Bea on 20 September (102 days): within 90 days 1/2 = 50.0 %, within 180 days 2/2 = 100.0 %.
    /// Lapsed at 30 June (last visit on or before 30 December 2026): Dee (15 November 2026) and Eli (10 December 2026) = 2;
    /// Eli opted out of reminders, so the recall list holds Dee only.
    /// May: one visit, Gus on 12 May, his first, nothing booked after and no return: 0 %, 1 first visit, 0 back. Lapsed at
    /// 31 May (last visit on or before 30 November 2026): Dee only = 1 (Eli came on 10 December, Cy on 4 January).
    /// </summary>
    private static readonly (string Figure, string Current, string Previous)[] Expected =
    [
        ("visits", "3", "1"),
        ("prebooked", "1", "0"),
        ("prebook_rate", "33.3 %", "0.0 %"),
        ("rebooked_7_days", "2", "0"),
        ("rebook_rate_7_days", "66.7 %", "0.0 %"),
        ("first_visits", "2", "1"),
        ("back_within_90_days", "1", "0"),
        ("retention_90_days", "50.0 %", "0.0 %"),
        ("back_within_180_days", "2", "0"),
        ("retention_180_days", "100.0 %", "0.0 %"),
        ("lapsed_clients", "2", "1"),
        ("overdue_maintenance", "0", "0"),
    ];

    private sealed record Seeded(Client Dee);

    private async Task<Seeded> SeedAsync()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await using var db = Database.CreateContext();
        var past = new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);
        Client New(string first, string last, string? phone = null) => new(first, last, $"{first.ToLowerInvariant()}@example.com", phone, past);
        var (ava, bea, cy, dee, eli, fay, gus) = (New("Ava", "Ames"), New("Bea", "Bell"), New("Cy", "Cole"), New("Dee", "Dunn", "555-0101"), New("Eli", "Egan"), New("Fay", "Ford"), New("Gus", "Gray"));
        eli.SetReminderPreference(optOut: true);
        db.AddRange(ava, bea, cy, dee, eli, fay, gus);
        db.AttachRange(clinic.Facial, clinic.Cheeks, clinic.Esthetician, clinic.RoomOne, clinic.SkinPen);
        await db.SaveChangesAsync();

        Appointment Book(Client client, DateOnly day, DateTimeOffset bookedAt)
        {
            var appointment = Appointment.Book(client, clinic.Facial, clinic.Esthetician, clinic.RoomOne, clinic.SkinPen, [clinic.Cheeks],
                TestClinic.At(10, 0, day), BookingSource.FrontDesk, bookedAt, TestClinic.By);
            db.Appointments.Add(appointment);
            return appointment;
        }

        void Visit(Client client, DateOnly day) => Book(client, day, TestClinic.At(9, 0, day.AddDays(-14))).CheckIn(TestClinic.At(9, 55, day), TestClinic.By);

        Visit(dee, new DateOnly(2026, 11, 15));
        Visit(eli, new DateOnly(2026, 12, 10));
        Visit(cy, new DateOnly(2027, 1, 4));
        Visit(gus, new DateOnly(2027, 5, 12));
        Visit(ava, new DateOnly(2027, 6, 3));
        Visit(bea, new DateOnly(2027, 6, 10));
        Visit(cy, new DateOnly(2027, 6, 20));
        Book(fay, new DateOnly(2027, 6, 5), past).MarkNoShow(TestClinic.At(10, 30, new DateOnly(2027, 6, 5)), TestClinic.By);
        Book(ava, new DateOnly(2027, 7, 1), TestClinic.At(15, 0, new DateOnly(2027, 6, 3))).CheckIn(TestClinic.At(9, 55, new DateOnly(2027, 7, 1)), TestClinic.By);
        Book(bea, new DateOnly(2027, 9, 20), TestClinic.At(12, 0, new DateOnly(2027, 6, 14))).CheckIn(TestClinic.At(9, 55, new DateOnly(2027, 9, 20)), TestClinic.By);
        await db.SaveChangesAsync();
        return new Seeded(dee);
    }

    [Fact]
    public async Task The_rates_retention_and_lapsed_clients_are_the_hand_computed_ones()
    {
        await SeedAsync();
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var page = await admin.GetAsync($"/admin/reports/loyalty?{Range}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.GetElementById("previous-period")!.TextContent.ShouldBe("1 May 2027 to 31 May 2027");
        foreach (var (figure, current, previous) in Expected)
        {
            page.Document.QuerySelector($"#loyalty-summary tr[data-figure='{figure}'] .current")!.TextContent.Trim().ShouldBe(current, figure);
            page.Document.QuerySelector($"#loyalty-summary tr[data-figure='{figure}'] .previous")!.TextContent.Trim().ShouldBe(previous, figure);
        }

        page.Document.GetElementById("recall-count")!.TextContent.ShouldContain("1 opted out of reminders");
        page.Text.ShouldNotContain("Dunn");
    }

    [Fact]
    public async Task The_CSVs_hold_the_figures_and_the_recall_list_leaves_out_who_opted_out()
    {
        var seeded = await SeedAsync();
        using var manager = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Manager);

        var figures = await manager.Client.GetAsync($"/admin/reports/loyalty.csv?{Range}");
        var recall = await manager.Client.GetAsync($"/admin/reports/loyalty/recall.csv?{Range}");

        figures.StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var reader = CsvReader.FromText(await figures.Content.ReadAsStringAsync()))
        {
            var rows = new Dictionary<string, (decimal Current, decimal Previous)>();
            while (reader.Read())
            {
                rows[reader.GetString(0)] = (decimal.Parse(reader.GetString(3), System.Globalization.CultureInfo.InvariantCulture),
                    decimal.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture));
            }

            rows.Count.ShouldBe(Expected.Length);
            rows["prebook_rate"].ShouldBe((33.3m, 0m));
            rows["rebook_rate_7_days"].ShouldBe((66.7m, 0m));
            rows["retention_90_days"].ShouldBe((50m, 0m));
            rows["retention_180_days"].ShouldBe((100m, 0m));
            rows["lapsed_clients"].ShouldBe((2m, 1m));
        }

        recall.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var list = CsvReader.FromText(await recall.Content.ReadAsStringAsync());
        var clients = new List<string[]>();
        while (list.Read())
        {
            clients.Add([.. Enumerable.Range(0, list.FieldCount).Select(list.GetString)]);
        }

        clients.Count.ShouldBe(1);
        clients[0].ShouldBe([seeded.Dee.Id.ToString(), "Dee", "Dunn", "dee@example.com", "555-0101", "2026-11-15"]);
    }

    [Theory]
    [InlineData("From=2027-06-30&To=2027-06-01", "To")]
    [InlineData("From=2027-06-31&To=2027-07-01", "From")]
    [InlineData("From=2027-06-01&To=2030-06-01", "To")]
    public async Task Bad_input_is_told_on_its_field_with_400(string query, string field)
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        foreach (var path in new[] { "/admin/reports/loyalty", "/admin/reports/loyalty.csv", "/admin/reports/loyalty/recall.csv" })
        {
            var page = await admin.GetAsync($"{path}?{query}");
            page.Status.ShouldBe(HttpStatusCode.BadRequest, path);
            page.FieldMessage(field).ShouldNotBeNull(path);
            page.Document.GetElementById("loyalty-summary").ShouldBeNull();
        }
    }

    [Fact]
    public async Task Every_figures_definition_is_written_in_docs_reports()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MicroSpa.sln")))
        {
            dir = dir.Parent;
        }

        var docs = await File.ReadAllTextAsync(Path.Combine(dir!.FullName, "docs", "reports.md"));
        foreach (var d in LoyaltyReport.Definitions)
        {
            docs.ShouldContain($"| `{d.Key}` | {d.Label} | {d.Sentence} |");
        }

        docs.ShouldContain(LoyaltyReport.RecallDefinition);
    }
}
