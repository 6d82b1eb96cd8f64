using System.Globalization;
using CsvHelper;
using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Billing;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Wallet;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>Issue 21's "done" for each report: the Admin compares two months, downloads the CSV and finds the page's figures in it.</summary>
public sealed class ReportsJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly CultureInfo UnitedStates = CultureInfo.GetCultureInfo("en-US");

    /// <summary>A fixed Wednesday in the future for the steps whose figures hang on the day (the demo clinic is seeded around "now").</summary>
    private static readonly DateTimeOffset Wednesday = new(2027, 4, 21, 16, 0, 0, TimeSpan.Zero);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<List<string[]>> CsvRowsAsync(IDownload download)
    {
        var rows = new List<string[]>();
        using var reader = CsvReader.FromText(await File.ReadAllTextAsync((await download.PathAsync())!), new CsvReaderOptions { HasHeader = false });
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return rows;
    }

    private static decimal Amount(string text) => decimal.Parse(text.Trim().Replace('−', '-'), NumberStyles.Currency, UnitedStates);

    /// <summary>A walk-in sale of <paramref name="serums"/> serums (24.99 each, untaxed) issued and paid on <paramref name="day"/>.</summary>
    private async Task<(Guid Invoice, Guid Payment)> SaleAsync(RetailItem serum, int serums, Tender tender, DateOnly day, Actor actor)
    {
        Guid id;
        await using (var db = Fixture.Database.CreateContext())
        {
            var retail = await db.TaxClasses.SingleAsync(t => t.Kind == TaxKind.Retail);
            var invoice = Invoice.WalkIn(null, "USD", actor.UserId, DateTimeOffset.UtcNow);
            invoice.AddRetail(await db.RetailItems.SingleAsync(r => r.Id == serum.Id), serums, retail, null);
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync();
            id = invoice.Id;
        }

        await using var ledgerDb = Fixture.Database.CreateContext();
        var ledger = new Ledger(ledgerDb, TestClinic.Zone, new FixedClock(TestClinic.At(11, 0, day)));
        (await ledger.IssueAsync(id, actor, default)).Status.ShouldBe(LedgerStatus.Done);
        var paid = await ledger.TakePaymentAsync(id, new TenderInput(tender, 24.99m * serums, "Visa", "4242", "OK1"), Guid.CreateVersion7(), actor, default);
        paid.Status.ShouldBe(LedgerStatus.Done);
        return (id, paid.Entries[0].Id);
    }

    [Fact]
    public async Task The_Admin_compares_this_month_with_last_month_and_the_downloaded_CSV_holds_the_figures_of_the_page()
    {
        var today = TestClinic.Zone.Today(Fixture.Clock.GetUtcNow());
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var lastMonth = thisMonth.AddMonths(-1);
        var admin = await SignedInAsync(Roles.Admin);
        Actor actor;
        RetailItem serum;
        await using (var db = Fixture.Database.CreateContext())
        {
            var user = await db.Users.FirstAsync();
            actor = new Actor(user.Id, user.UserName!);
            serum = new RetailItem("HA-SERUM", "Hyaluronic serum", 24.99m);
            db.RetailItems.Add(serum);
            db.StockEntries.Add(StockEntry.Received(serum, 10, user.Id, "Delivery", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        // Last month: two serums paid in cash (49.98). This month: one by card (24.99), 10.00 of it refunded the next day.
        await SaleAsync(serum, 2, Tender.Cash, lastMonth.AddDays(9), actor);
        var (invoice, payment) = await SaleAsync(serum, 1, Tender.Card, thisMonth, actor);
        await using (var db = Fixture.Database.CreateContext())
        {
            var ledger = new Ledger(db, TestClinic.Zone, new FixedClock(TestClinic.At(11, 0, thisMonth.AddDays(1))));
            (await ledger.RefundAsync(invoice, payment, 10m, "Goodwill", null, Guid.CreateVersion7(), actor, default)).Status.ShouldBe(LedgerStatus.Done);
        }

        await admin.GotoAsync("/admin/reports");
        await admin.AssertNoSeriousViolationsAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Money", Exact = true }).ClickAsync();
        await admin.WaitForURLAsync("**/admin/reports/money");
        await admin.GetByLabel("First day", new() { Exact = true }).FillAsync(thisMonth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await admin.GetByLabel("Last day", new() { Exact = true }).FillAsync(thisMonth.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await admin.GetByLabel("Rows", new() { Exact = true }).SelectOptionAsync("day");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await admin.Locator("#previous-period").GetByText($"{lastMonth.ToString("d MMMM yyyy", UnitedStates)} to {thisMonth.AddDays(-1).ToString("d MMMM yyyy", UnitedStates)}").WaitForAsync();
        (await admin.Locator("svg rect.bar").CountAsync()).ShouldBe(DateTime.DaysInMonth(thisMonth.Year, thisMonth.Month));
        await admin.AssertNoSeriousViolationsAsync();

        async Task<decimal> Summary(string figure, string column) =>
            Amount(await admin.Locator($"#money-summary tr[data-figure='{figure}'] .{column}").InnerTextAsync());
        (await Summary("net", "current")).ShouldBe(14.99m);
        (await Summary("net", "previous")).ShouldBe(49.98m);
        (await Summary("refunds", "current")).ShouldBe(10.00m);
        (await Summary("card", "current")).ShouldBe(14.99m);
        (await Summary("cash", "previous")).ShouldBe(49.98m);
        (await admin.Locator("#money-summary tr[data-figure='net'] .change").InnerTextAsync()).ShouldBe("−$34.99 (−70.0 %)");

        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        download.SuggestedFilename.ShouldBe($"money-{thisMonth:yyyy-MM-dd}-to-{thisMonth.AddMonths(1).AddDays(-1):yyyy-MM-dd}.csv");
        var rows = new List<string[]>();
        using (var reader = CsvReader.FromText(await File.ReadAllTextAsync((await download.PathAsync())!), new CsvReaderOptions { HasHeader = false }))
        {
            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
            }
        }

        var header = rows[0];
        var total = rows.Single(r => r[0] == "Total");
        var previous = rows.Single(r => r[0] == "Previous period");
        var keys = await admin.Locator("#money-summary tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.figure)");
        keys.Length.ShouldBe(17, "the money summary's figures, packages and gift cards sold among them");
        foreach (var key in keys)
        {
            decimal.Parse(total[Array.IndexOf(header, key)], CultureInfo.InvariantCulture).ShouldBe(await Summary(key, "current"), key);
            decimal.Parse(previous[Array.IndexOf(header, key)], CultureInfo.InvariantCulture).ShouldBe(await Summary(key, "previous"), key);
        }

        var firstDay = rows.Single(r => r[1] == thisMonth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) && r[0] != "Total");
        decimal.Parse(firstDay[Array.IndexOf(header, "net")], CultureInfo.InvariantCulture)
            .ShouldBe(Amount(await admin.Locator($"#money-rows tr[data-from='{thisMonth:yyyy-MM-dd}'] td[data-figure='net']").InnerTextAsync()));

        // A last day before the first is told on its field, not answered with figures.
        await admin.GetByLabel("Last day", new() { Exact = true }).FillAsync(lastMonth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await admin.Locator("#To-error").GetByText("The last day comes on or after the first.").WaitForAsync();
        (await admin.Locator("#money-summary").CountAsync()).ShouldBe(0);
        await admin.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task The_Admin_opens_the_schedule_report_compares_two_months_and_finds_the_page_figures_in_the_CSV()
    {
        var today = TestClinic.Zone.Today(Fixture.Clock.GetUtcNow());
        var previousMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(2);
        var month = previousMonth.AddMonths(1);
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        // One appointment in the previous month, two (Maya's and Sofia's) in the month reported.
        await clinic.BookAsync(Fixture.Database, TestClinic.At(10, 0, previousMonth.AddDays(4)));
        await clinic.BookAsync(Fixture.Database, TestClinic.At(10, 0, month.AddDays(4)));
        await clinic.BookAsync(Fixture.Database, TestClinic.At(11, 0, month.AddDays(5)), clinic.OtherEsthetician, clinic.RoomTwo, clinic.Dermapen);
        var admin = await SignedInAsync(Roles.Admin);

        await admin.GotoAsync("/admin/reports");
        await admin.Locator("#main").GetByRole(AriaRole.Link, new() { Name = "Schedule", Exact = true }).ClickAsync();
        await admin.WaitForURLAsync("**/admin/reports/schedule");
        await admin.AssertNoSeriousViolationsAsync();
        await admin.GetByLabel("First day", new() { Exact = true }).FillAsync(month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await admin.GetByLabel("Last day", new() { Exact = true }).FillAsync(month.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await admin.Locator("#previous-period").GetByText($"{previousMonth.ToString("d MMMM yyyy", UnitedStates)} to {month.AddDays(-1).ToString("d MMMM yyyy", UnitedStates)}").WaitForAsync();
        await admin.AssertNoSeriousViolationsAsync();

        async Task<string> Summary(string figure, string column) => (await admin.Locator($"#schedule-summary tr[data-figure='{figure}'] .{column}").InnerTextAsync()).Trim();
        (await Summary("appointments", "current")).ShouldBe("2");
        (await Summary("appointments", "previous")).ShouldBe("1");
        (await Summary("booked_hours", "current")).ShouldBe("2 h");
        (await admin.Locator("#schedule-resources tr[data-name='Sofia Chen'] .current").InnerTextAsync()).ShouldStartWith("1 h / ");

        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        download.SuggestedFilename.ShouldBe($"schedule-{month:yyyy-MM-dd}-to-{month.AddMonths(1).AddDays(-1):yyyy-MM-dd}.csv");
        var rows = new List<string[]>();
        using (var reader = CsvReader.FromText(await File.ReadAllTextAsync((await download.PathAsync())!), new CsvReaderOptions { HasHeader = true }))
        {
            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
            }
        }

        static string Shown(string csv) => csv.Length == 0 ? "—" : decimal.Parse(csv, CultureInfo.InvariantCulture).ToString("0.##", UnitedStates);
        foreach (var figure in new[] { "appointments", "no_shows", "online", "front_desk" })
        {
            var row = rows.Single(r => r[0] == "clinic" && r[4] == figure);
            Shown(row[5]).ShouldBe(await Summary(figure, "current"), figure);
            Shown(row[6]).ShouldBe(await Summary(figure, "previous"), figure);
        }

        var available = rows.Single(r => r[0] == "clinic" && r[4] == "available_hours");
        (Shown(available[5]) + " h").ShouldBe(await Summary("available_hours", "current"));
    }

    [Fact]
    public async Task The_Admin_opens_the_loyalty_report_and_finds_the_page_figures_in_the_CSV()
    {
        var today = TestClinic.Zone.Today(Fixture.Clock.GetUtcNow());
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(2);
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        // Two visits of one client in the month, both booked ahead: the first is prebooked, and she is back within 90 days.
        foreach (var day in new[] { month.AddDays(3), month.AddDays(9) })
        {
            var booked = await clinic.BookAsync(Fixture.Database, TestClinic.At(10, 0, day));
            await using var db = Fixture.Database.CreateContext();
            (await db.Appointments.SingleAsync(a => a.Id == booked.Id)).CheckIn(TestClinic.At(9, 55, day), TestClinic.By);
            await db.SaveChangesAsync();
        }

        var admin = await SignedInAsync(Roles.Admin);
        await admin.GotoAsync("/admin/reports");
        await admin.Locator("#main").GetByRole(AriaRole.Link, new() { Name = "Loyalty", Exact = true }).ClickAsync();
        await admin.WaitForURLAsync("**/admin/reports/loyalty");
        await admin.GetByLabel("First day", new() { Exact = true }).FillAsync(month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await admin.GetByLabel("Last day", new() { Exact = true }).FillAsync(month.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await admin.Locator("#loyalty-summary").WaitForAsync();
        await admin.AssertNoSeriousViolationsAsync();

        async Task<string> Summary(string figure, string column) => (await admin.Locator($"#loyalty-summary tr[data-figure='{figure}'] .{column}").InnerTextAsync()).Trim();
        (await Summary("visits", "current")).ShouldBe("2");
        (await Summary("prebook_rate", "current")).ShouldBe("50.0 %");
        (await Summary("retention_90_days", "current")).ShouldBe("100.0 %");

        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        download.SuggestedFilename.ShouldBe($"loyalty-{month:yyyy-MM-dd}-to-{month.AddMonths(1).AddDays(-1):yyyy-MM-dd}.csv");
        using var reader = CsvReader.FromText(await File.ReadAllTextAsync((await download.PathAsync())!), new CsvReaderOptions { HasHeader = true });
        var keys = await admin.Locator("#loyalty-summary tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.figure)");
        var seen = 0;
        while (reader.Read())
        {
            var figure = reader.GetString(0);
            var shown = await Summary(figure, "current");
            var csv = decimal.Parse(reader.GetString(3), CultureInfo.InvariantCulture);
            (shown.EndsWith(" %", StringComparison.Ordinal) ? csv.ToString("0.0", UnitedStates) + " %" : csv.ToString("N0", UnitedStates)).ShouldBe(shown, figure);
            seen++;
        }

        seen.ShouldBe(keys.Length);
    }

    /// <summary>A package of <paramref name="sessions"/> facials sold to the client for <paramref name="price"/>, paid in cash on <paramref name="day"/> (its credits issued that day).</summary>
    private async Task SellPackageAsync(Guid clientId, Guid serviceId, string name, int sessions, decimal price, DateOnly day, Actor actor)
    {
        Guid id;
        await using (var db = Fixture.Database.CreateContext())
        {
            var (package, version) = Package.Define(new PackageTerms(name, [serviceId], sessions, new Money(price, "USD"), 12), actor.UserId, DateTimeOffset.UtcNow);
            db.AddRange(package, version);
            var invoice = Invoice.WalkIn(clientId, "USD", actor.UserId, DateTimeOffset.UtcNow);
            invoice.AddPackage(version, retired: false);
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync();
            id = invoice.Id;
        }

        await using var ledgerDb = Fixture.Database.CreateContext();
        var ledger = new Ledger(ledgerDb, TestClinic.Zone, new FixedClock(TestClinic.At(11, 0, day)));
        (await ledger.IssueAsync(id, actor, default)).Status.ShouldBe(LedgerStatus.Done);
        (await ledger.TakePaymentAsync(id, new TenderInput(Tender.Cash, price, null, null, null), Guid.CreateVersion7(), actor, default)).Status.ShouldBe(LedgerStatus.Done);
    }

    [Fact]
    public async Task The_Admin_opens_the_liability_report_compares_two_months_and_finds_the_page_figures_in_the_CSV()
    {
        Fixture.Clock.Ahead = Wednesday - DateTimeOffset.UtcNow;
        var (march, april) = (new DateOnly(2027, 3, 1), new DateOnly(2027, 4, 1));
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var admin = await SignedInAsync(Roles.Admin);
        Actor actor;
        await using (var db = Fixture.Database.CreateContext())
        {
            var user = await db.Users.FirstAsync();
            actor = new Actor(user.Id, user.UserName!);
        }

        // 10 March: a series of 3 for $900 (nothing used by 31 March). 1 April: a series of 2 for $500. Owed at 21 April
        // (today, so far): $1,400.00 for 5 sessions in 2 lots; at 31 March: $900.00, 3 sessions, 1 lot.
        await SellPackageAsync(clinic.Client.Id, clinic.Facial.Id, "Face series of 3", 3, 900m, march.AddDays(9), actor);
        await SellPackageAsync(clinic.Client.Id, clinic.Facial.Id, "Face series of 2", 2, 500m, april, actor);

        await admin.GotoAsync("/admin/reports");
        await admin.Locator("#main").GetByRole(AriaRole.Link, new() { Name = "Liability", Exact = true }).ClickAsync();
        await admin.WaitForURLAsync("**/admin/reports/liability");
        await admin.AssertNoSeriousViolationsAsync();
        await admin.GetByLabel("First day", new() { Exact = true }).FillAsync(Iso(april));
        await admin.GetByLabel("Last day", new() { Exact = true }).FillAsync(Iso(april.AddMonths(1).AddDays(-1)));
        await admin.GetByLabel("Rows", new() { Exact = true }).SelectOptionAsync("week");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await admin.Locator("#previous-period").GetByText("31 March 2027").WaitForAsync();
        (await admin.Locator("#liability-day").InnerTextAsync()).ShouldBe("21 April 2027");
        await admin.AssertNoSeriousViolationsAsync();

        async Task<string> Summary(string figure, string column) => (await admin.Locator($"#liability-summary tr[data-figure='{figure}'] .{column}").InnerTextAsync()).Trim();
        (await Summary("liability", "current")).ShouldBe("$1,400.00");
        (await Summary("liability", "previous")).ShouldBe("$900.00");
        (await Summary("liability", "change")).ShouldBe("+$500.00");
        (await Summary("sessions", "current")).ShouldBe("5");
        (await Summary("sessions", "previous")).ShouldBe("3");
        (await Summary("lots", "current")).ShouldBe("2");

        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("liability-2027-04-01-to-2027-04-30.csv");
        var rows = await CsvRowsAsync(download);
        rows[0].ShouldBe(["kind", "name", "at_close_of", "lots", "sessions", "liability"]);
        var previous = rows.Single(r => r[0] == "previous period end");
        previous[2].ShouldBe("2027-03-31");
        Amount(previous[5]).ShouldBe(Amount(await Summary("liability", "previous")));
        previous[4].ShouldBe(await Summary("sessions", "previous"));
        var last = rows.Last(r => r[0] == "row");
        last[2].ShouldBe("2027-04-21");
        Amount(last[5]).ShouldBe(Amount(await Summary("liability", "current")));
        last[4].ShouldBe(await Summary("sessions", "current"));
        last[3].ShouldBe(await Summary("lots", "current"));
        var packages = rows.Where(r => r[0] == "package" && r[2] == "2027-04-21").ToDictionary(r => r[1], r => Amount(r[5]));
        packages.ShouldBe(new Dictionary<string, decimal> { ["Face series of 2"] = 500m, ["Face series of 3"] = 900m }, ignoreOrder: true);
        foreach (var (name, amount) in packages)
        {
            Amount(await admin.Locator($"#liability-packages tr[data-name='{name}'] td[data-column='liability'][data-period='current']").InnerTextAsync()).ShouldBe(amount, name);
        }
    }

    [Fact]
    public async Task The_Admin_opens_the_outcome_report_of_the_demo_clinic_compares_two_months_and_finds_the_page_figures_in_the_CSV()
    {
        // The demo's series had their sessions 14, 49 and 84 days before today (Wednesdays 7 April, 3 March, 27 January).
        Fixture.Clock.Ahead = Wednesday - DateTimeOffset.UtcNow;
        await using (var scope = Fixture.App.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<DemoClinicSeeder>(scope.ServiceProvider).SeedAsync(CancellationToken.None);
        }

        var admin = await SignedInAsync(Roles.Admin);
        await admin.GotoAsync("/admin/reports");
        await admin.Locator("#main").GetByRole(AriaRole.Link, new() { Name = "Outcomes", Exact = true }).ClickAsync();
        await admin.WaitForURLAsync("**/reports/outcomes");
        await admin.GetByLabel("First day", new() { Exact = true }).FillAsync("2027-04-01");
        await admin.GetByLabel("Last day", new() { Exact = true }).FillAsync("2027-04-30");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await admin.Locator("#previous-period").GetByText("1 March 2027 to 31 March 2027").WaitForAsync();
        await admin.AssertNoSeriousViolationsAsync();

        // April: the acne scars' third sessions (scores 2, 2, 3; first scores 4, 3, 4) and the stretch marks' second (3);
        // March: their second sessions (3, 3, 3) and the stretch marks' first (4).
        var rows = admin.Locator("#outcome-rows tbody tr");
        var keys = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.indication + ' ' + r.dataset.area + ' ' + r.dataset.session)");
        keys.ShouldBe(["AcneScars Cheeks 2", "AcneScars Cheeks 3", "StretchMarks Abdomen 1", "StretchMarks Abdomen 2"]);
        async Task<string> Cell(string key, string figure)
        {
            var parts = key.Split(' ');
            return (await admin.Locator($"#outcome-rows tr[data-indication='{parts[0]}'][data-area='{parts[1]}'][data-session='{parts[2]}'] td[data-figure='{figure}']").InnerTextAsync()).Trim();
        }

        (await Cell("AcneScars Cheeks 3", "areas")).ShouldBe("3");
        (await Cell("AcneScars Cheeks 3", "mean_score")).ShouldBe("2.33");
        (await Cell("AcneScars Cheeks 3", "mean_change")).ShouldBe("−1.33");
        (await Cell("AcneScars Cheeks 2", "areas")).ShouldBe("0");
        (await Cell("AcneScars Cheeks 2", "previous_areas")).ShouldBe("3");
        (await Cell("AcneScars Cheeks 2", "previous_mean_score")).ShouldBe("3.00");
        (await Cell("StretchMarks Abdomen 2", "mean_score")).ShouldBe("3.00");
        (await Cell("StretchMarks Abdomen 1", "previous_mean_score")).ShouldBe("4.00");

        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("outcomes-2027-04-01-to-2027-04-30.csv");
        var csv = await CsvRowsAsync(download);
        var header = csv[0];
        csv.Count.ShouldBe(keys.Length + 1);
        static decimal? Read(string text) =>
            text is "" or "—" ? null : decimal.Parse(text.Replace('−', '-').TrimStart('+'), NumberStyles.Number | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        foreach (var line in csv.Skip(1))
        {
            var key = $"{(line[Array.IndexOf(header, "indication")] == "Acne scars" ? "AcneScars" : "StretchMarks")} {line[Array.IndexOf(header, "area")]} {line[Array.IndexOf(header, "session")]}";
            foreach (var figure in new[] { "areas", "clients", "scored", "mean_score", "rated", "mean_rating", "mean_change", "previous_areas", "previous_mean_score" })
            {
                Read(line[Array.IndexOf(header, figure)]).ShouldBe(Read(await Cell(key, figure)), $"{key} {figure}");
            }
        }
    }
}
