using System.Globalization;
using System.Net;
using CsvHelper;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MicroSpa.Web.Tests.Checkout.CheckoutFlows;

namespace MicroSpa.Web.Tests.Reports;

/// <summary>
/// Commission per provider in the money report (decision 058), against two months checked out through the real pages on
/// the app's clock, with rules set through the Commission page: two providers with different rules, a rate change in the
/// middle of the month, discounts counted or not per the rule, retail, a void of last month's invoice, a partial refund
/// naming no line, a refund naming a retail line, and tips (which earn nothing).
/// </summary>
public sealed class CommissionReportTests(WebAppFixture fixture) : WebTest(fixture)
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly CultureInfo UnitedStates = CultureInfo.GetCultureInfo("en-US");

    private static DateOnly Month
    {
        get
        {
            var today = TestClinic.Zone.Today(DateTimeOffset.UtcNow);
            return new DateOnly(today.Year, today.Month, 1).AddMonths(3);
        }
    }

    private static DateOnly LastMonthsDay => Month.AddMonths(-1).AddDays(19);
    private static DateOnly Day1 => Month.AddDays(2);
    private static DateOnly Day2 => Month.AddDays(3);
    private static DateOnly Day3 => Month.AddDays(4);
    private static DateOnly RateChange => Month.AddDays(14);
    private static DateOnly Day4 => Month.AddDays(15);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string MonthQuery => $"From={Iso(Month)}&To={Iso(Month.AddMonths(1).AddDays(-1))}&By=day";

    /// <summary>
    /// By hand. Rules: Maya 10 % of services and 5 % of retail after discounts from the first of last month, then 20 % and 5 %
    /// from the 15th of this month; Sofia 15 % of services and 10 % of retail before discounts from the first of last month.
    /// Retail taxed 10 %, services 0 %; sunscreen 40.00.
    /// Last month: visit V0 with Maya, 350.00, left unpaid: Maya 35.00.
    /// Day 1: V1 with Maya, 350.00 less 10 % (315.00) + a sunscreen 40.00 (+4.00 tax) + a 20.00 tip: 31.50 + 2.00 = 33.50.
    /// Day 2: V2 with Sofia, 350.00 less 50.00 = 300.00, paid by card: before discounts, 15 % of 350.00 = 52.50.
    /// Day 3: 60.00 of V2 refunded naming no line (60 / 300 = a fifth): Sofia −10.50 on 70.00; V0 voided: Maya −35.00 on 350.00.
    /// Day 4 (after the change): V4 with Maya, 350.00 + two sunscreens 80.00 (+8.00 tax) + a 10.00 tip for Sofia = 448.00 by card,
    /// then 44.00 refunded naming the sunscreen line (44 / 88 = half): 70.00 + 4.00 − 2.00 = 72.00; Sofia's tip earns nothing.
    /// This month: Maya 315.00 − 350.00 + 350.00 = 315.00 of services, 40.00 + 80.00 − 40.00 = 80.00 of retail, 33.50 − 35.00 + 72.00 = 70.50;
    /// Sofia 350.00 − 70.00 = 280.00 of services, 52.50 − 10.50 = 42.00.
    /// </summary>
    private static readonly (string Provider, decimal Services, decimal Retail, decimal Commission, decimal LastServices, decimal LastCommission)[] Expected =
    [
        ("Maya Lopez", 315.00m, 80.00m, 70.50m, 350.00m, 35.00m),
        ("Sofia Chen", 280.00m, 0m, 42.00m, 0m, 0m),
    ];

    private static readonly (DateOnly Day, decimal Maya, decimal Sofia)[] ExpectedDays =
    [
        (Day1, 33.50m, 0m), (Day2, 0m, 52.50m), (Day3, -35.00m, -10.50m), (Day4, 72.00m, 0m), (Month, 0m, 0m),
    ];

    private static decimal Amount(string text) => decimal.Parse(text.Replace('−', '-'), NumberStyles.Currency, UnitedStates);

    private static string Cell(Page page, string selector) =>
        page.Document.QuerySelector(selector)?.TextContent.Trim() ?? throw new ShouldAssertException($"Nothing at {selector}.");

    private (WebApplicationFactory<Program> App, Clock Clock) AppWithClock()
    {
        var clock = new Clock();
        return (App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock))), clock);
    }

    private async Task<(string Email, string Key)> AccountAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}@clinic.test";
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = role };
        (await users.CreateAsync(user, AccountFlows.Password)).Succeeded.ShouldBeTrue();
        await users.AddToRoleAsync(user, role);
        return (email, await AccountFlows.TurnOnTwoFactorAsync(users, user));
    }

    private static async Task<WebSession> SignInOnAsync(WebApplicationFactory<Program> app, Clock clock, (string Email, string Key) account)
    {
        var session = new WebSession(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var first = await AccountFlows.SignInAsync(session, account.Email);
        first.Location!.ShouldStartWith("/account/two-factor");
        var done = await session.SubmitAsync(await session.GetAsync(first.Location), new Dictionary<string, string> { ["Code"] = Totp.Code(account.Key, clock.Now) });
        done.Status.ShouldBe(HttpStatusCode.Redirect);
        return session;
    }

    private static Task<WebSession> WorkOnAsync(DateOnly day, WebApplicationFactory<Program> app, Clock clock, (string, string) admin)
    {
        clock.Now = TestClinic.At(10, 0, day);
        return SignInOnAsync(app, clock, admin);
    }

    private async Task<string> VisitAsync(TestClinic clinic, WebSession desk, Clock clock, Provider provider)
    {
        var appointment = await clinic.BookAsync(Database, clock.Now.AddMinutes(10), provider);
        await using (var db = Database.CreateContext())
        {
            var booked = await db.Appointments.SingleAsync(a => a.Id == appointment.Id);
            await TestClinic.GiveIntakeAsync(db, booked, clock.Now);
            await db.SaveChangesAsync();
        }

        await CompleteAsync(desk, appointment.Id);
        var invoice = await CheckOutAsync(desk, appointment.Id);
        invoice.ShouldStartWith("/checkout/invoices/", customMessage: (await desk.GetAsync(invoice)).Text);
        return invoice;
    }

    private static async Task IssueAsync(WebSession desk, string url, string due) =>
        Text(await OnInvoiceAsync(desk, url, "issue", []), "invoice-due").ShouldBe(due);

    private static async Task PayByCardAsync(WebSession desk, string url, string amount) =>
        Text(await OnInvoiceAsync(desk, url, "card", new() { ["CardAmount"] = amount, ["CardBrand"] = "Visa", ["CardLastFour"] = "4242", ["ApprovalCode"] = "C1" }), "invoice-state")
            .ShouldContain("Paid");

    private async Task<Guid> LineAsync(string url, LineKind kind)
    {
        var id = Guid.Parse(url.Split('/')[^1]);
        await using var db = Database.CreateContext();
        return await db.InvoiceLines.Where(l => l.InvoiceId == id && l.Kind == kind).Select(l => l.Id).SingleAsync();
    }

    private async Task RefundCardAsync(WebSession desk, string url, string amount, Guid? lineId)
    {
        Guid card;
        await using (var db = Database.CreateContext())
        {
            var id = Guid.Parse(url.Split('/')[^1]);
            card = await db.LedgerEntries.Where(e => e.InvoiceId == id && e.Kind == EntryKind.Payment && e.Tender == Tender.Card).Select(e => e.Id).SingleAsync();
        }

        var fields = new Dictionary<string, string>
        {
            ["PaymentId"] = card.ToString(), ["RefundAmount"] = amount, ["RefundReason"] = "Goodwill", ["SubmissionId"] = Guid.NewGuid().ToString(),
        };
        if (lineId is { } line)
        {
            fields["RefundLineId"] = line.ToString();
        }

        (await desk.PostAsync(await desk.GetAsync(url), $"{url}/refund", fields)).Status.ShouldBe(HttpStatusCode.Redirect);
    }

    /// <summary>Sets a rule as the Admin does, on the provider's Commission page.</summary>
    internal static async Task RuleAsync(WebSession admin, Guid providerId, string services, string retail, bool afterDiscounts, DateOnly from)
    {
        var url = $"/admin/staff/commission/{providerId}";
        var saved = await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Form.ServicesPercent"] = services, ["Form.RetailPercent"] = retail, ["Form.AfterDiscounts"] = afterDiscounts ? "true" : "false", ["Form.EffectiveFrom"] = Iso(from),
        }, url);
        saved.Status.ShouldBe(HttpStatusCode.Redirect, saved.Text);
    }

    private async Task<(WebApplicationFactory<Program> App, Clock Clock, (string, string) Admin)> TwoMonthsCheckedOutAsync()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var admin = await AccountAsync(Roles.Admin);
        RetailItem sunscreen;
        await using (var db = Database.CreateContext())
        {
            (await db.TaxClasses.SingleAsync(t => t.Kind == TaxKind.Retail)).SetRate(10m);
            sunscreen = new RetailItem("SPF-50", "Mineral sunscreen", 40.00m);
            db.RetailItems.Add(sunscreen);
            db.StockEntries.Add(StockEntry.Received(sunscreen, 20, await db.Users.Select(u => u.Id).FirstAsync(), "Delivery", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var (app, clock) = AppWithClock();
        var (maya, sofia) = (clinic.Esthetician, clinic.OtherEsthetician);
        string v0, v2;
        using (var desk = await WorkOnAsync(LastMonthsDay, app, clock, admin))
        {
            await RuleAsync(desk, maya.Id, "10", "5", afterDiscounts: true, Month.AddMonths(-1));
            await RuleAsync(desk, sofia.Id, "15", "10", afterDiscounts: false, Month.AddMonths(-1));
            await RuleAsync(desk, maya.Id, "20", "5", afterDiscounts: true, RateChange);
            v0 = await VisitAsync(clinic, desk, clock, maya);
            await IssueAsync(desk, v0, "$350.00");
        }

        using (var desk = await WorkOnAsync(Day1, app, clock, admin))
        {
            var v1 = await VisitAsync(clinic, desk, clock, maya);
            await OnInvoiceAsync(desk, v1, "retail", new() { ["RetailItemId"] = sunscreen.Id.ToString(), ["Quantity"] = "1" });
            await OnInvoiceAsync(desk, v1, "discount", new()
            {
                ["DiscountLineId"] = (await LineAsync(v1, LineKind.Service)).ToString(), ["DiscountKind"] = "Percent", ["DiscountValue"] = "10", ["DiscountReason"] = "First visit",
            });
            (await PostPairsAsync(desk, v1, "tip", [("Tip", "20"), ("TipProviders", maya.Id.ToString())])).Status.ShouldBe(HttpStatusCode.Redirect);
            await IssueAsync(desk, v1, "$379.00");
            await PayByCardAsync(desk, v1, "379.00");
        }

        using (var desk = await WorkOnAsync(Day2, app, clock, admin))
        {
            v2 = await VisitAsync(clinic, desk, clock, sofia);
            await OnInvoiceAsync(desk, v2, "discount", new()
            {
                ["DiscountLineId"] = (await LineAsync(v2, LineKind.Service)).ToString(), ["DiscountKind"] = "Fixed", ["DiscountValue"] = "50", ["DiscountReason"] = "Loyalty",
            });
            await IssueAsync(desk, v2, "$300.00");
            await PayByCardAsync(desk, v2, "300.00");
        }

        using (var desk = await WorkOnAsync(Day3, app, clock, admin))
        {
            await RefundCardAsync(desk, v2, "60.00", lineId: null);
            Text(await OnInvoiceAsync(desk, v0, "void", new() { ["VoidReason"] = "Never collected" }), "invoice-state").ShouldContain("Voided");
        }

        using (var desk = await WorkOnAsync(Day4, app, clock, admin))
        {
            var v4 = await VisitAsync(clinic, desk, clock, maya);
            await OnInvoiceAsync(desk, v4, "retail", new() { ["RetailItemId"] = sunscreen.Id.ToString(), ["Quantity"] = "2" });
            (await PostPairsAsync(desk, v4, "tip", [("Tip", "10"), ("TipProviders", sofia.Id.ToString())])).Status.ShouldBe(HttpStatusCode.Redirect);
            await IssueAsync(desk, v4, "$448.00");
            await PayByCardAsync(desk, v4, "448.00");
            await RefundCardAsync(desk, v4, "44.00", await LineAsync(v4, LineKind.Retail));
        }

        return (app, clock, admin);
    }

    [Fact]
    public async Task Commission_per_provider_is_as_computed_by_hand_and_the_CSVs_hold_the_same_and_a_Manager_reads_it()
    {
        var (app, clock, admin) = await TwoMonthsCheckedOutAsync();
        await using var _ = app;
        clock.Now = TestClinic.At(18, 0, Day4);
        using var owner = await SignInOnAsync(app, clock, admin);

        var page = await owner.GetAsync($"/admin/reports/money?{MonthQuery}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        string At(string name, string column, string period) => Cell(page, $"#commission tr[data-name='{name}'] td[data-column='{column}'][data-period='{period}']");
        foreach (var (provider, services, retail, commission, lastServices, lastCommission) in Expected)
        {
            Amount(At(provider, "services", "current")).ShouldBe(services, provider);
            Amount(At(provider, "retail", "current")).ShouldBe(retail, provider);
            Amount(At(provider, "commission", "current")).ShouldBe(commission, provider);
            Amount(At(provider, "services", "previous")).ShouldBe(lastServices, provider);
            Amount(At(provider, "retail", "previous")).ShouldBe(0m, provider);
            Amount(At(provider, "commission", "previous")).ShouldBe(lastCommission, provider);
        }

        page.Document.QuerySelectorAll("#commission tbody tr").Length.ShouldBe(2, "only providers with a rule and sales; the walk-in-less tip earns nothing");
        Cell(page, "#commission-definition").ShouldContain("package sales, gift cards, fees, tips and tax earn no commission");
        Amount(Cell(page, "#money-summary tr[data-figure='tips'] .current")).ShouldBe(30.00m, "the tips are there, but earn no commission");

        var csv = await owner.Client.GetAsync($"/admin/reports/money.csv?{MonthQuery}");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = ReadCsv(await csv.Content.ReadAsStringAsync());
        var header = rows[0];
        decimal Figure(string[] row, string key) => decimal.Parse(row[Array.IndexOf(header, key)], CultureInfo.InvariantCulture);
        var total = rows.Single(r => r[0] == "Total");
        var previous = rows.Single(r => r[0] == "Previous period");
        foreach (var (provider, _, _, commission, _, lastCommission) in Expected)
        {
            Figure(total, $"commission: {provider}").ShouldBe(commission, provider);
            Figure(previous, $"commission: {provider}").ShouldBe(lastCommission, provider);
            Figure(total, $"commission: {provider}").ShouldBe(Amount(At(provider, "commission", "current")), "the CSV holds the page's figure");
        }

        foreach (var (day, maya, sofia) in ExpectedDays)
        {
            var row = rows.Single(r => r[1] == Iso(day) && r[0] != "Total");
            Figure(row, "commission: Maya Lopez").ShouldBe(maya, Iso(day));
            Figure(row, "commission: Sofia Chen").ShouldBe(sofia, Iso(day));
        }

        var breakdowns = ReadCsv(await (await owner.Client.GetAsync($"/admin/reports/money/breakdowns.csv?{MonthQuery}")).Content.ReadAsStringAsync());
        var commissionRows = breakdowns.Where(r => r[0] == "commission").ToList();
        commissionRows.Count.ShouldBe(2 * 3);
        foreach (var row in commissionRows)
        {
            decimal.Parse(row[3], CultureInfo.InvariantCulture).ShouldBe(Amount(At(row[1], row[2], "current")), string.Join(' ', row));
            decimal.Parse(row[4], CultureInfo.InvariantCulture).ShouldBe(Amount(At(row[1], row[2], "previous")), string.Join(' ', row));
        }

        // A Manager reads the same table, and cannot reach the rules, let alone change one.
        var manager = await AccountAsync(Roles.Manager);
        using var lead = await SignInOnAsync(app, clock, manager);
        var read = await lead.GetAsync($"/admin/reports/money?{MonthQuery}");
        read.Status.ShouldBe(HttpStatusCode.OK);
        Amount(Cell(read, "#commission tr[data-name='Maya Lopez'] td[data-column='commission'][data-period='current']")).ShouldBe(70.50m);
        read.Document.QuerySelectorAll("#commission form, #commission input").Length.ShouldBe(0, "read-only");
        foreach (var path in new[] { "/admin/staff/commission", $"/admin/staff/commission/{Guid.NewGuid()}" })
        {
            var refused = await lead.GetAsync(path);
            refused.Status.ShouldBe(HttpStatusCode.Redirect, path);
            refused.Location!.ShouldContain("/account/access-denied");
        }
    }

    [Fact]
    public async Task A_sale_before_a_rate_change_keeps_its_rate_and_a_void_after_it_takes_back_at_that_rate()
    {
        // By hand: Maya 10 % from last month; a visit of 350.00 on day 1 (35.00); a new rule of 30 % from day 2, then the
        // visit voided on day 2: the void takes back 35.00 (the sale's rate), not 105.00. Day 1 and day 2 together: 0.00.
        var clinic = await TestClinic.CreateAsync(Database);
        var admin = await AccountAsync(Roles.Admin);
        var (app, clock) = AppWithClock();
        await using var _ = app;
        string visit;
        using (var desk = await WorkOnAsync(Day1, app, clock, admin))
        {
            await RuleAsync(desk, clinic.Esthetician.Id, "10", "0", afterDiscounts: true, Month.AddMonths(-1));
            visit = await VisitAsync(clinic, desk, clock, clinic.Esthetician);
            await IssueAsync(desk, visit, "$350.00");
        }

        using (var desk = await WorkOnAsync(Day2, app, clock, admin))
        {
            await RuleAsync(desk, clinic.Esthetician.Id, "30", "0", afterDiscounts: true, Day2);
            Text(await OnInvoiceAsync(desk, visit, "void", new() { ["VoidReason"] = "Keyed on the wrong client" }), "invoice-state").ShouldContain("Voided");
            var page = await desk.GetAsync($"/admin/reports/money?From={Iso(Day1)}&To={Iso(Day2)}&By=day");
            string At(string period) => Cell(page, $"#commission tr[data-name='Maya Lopez'] td[data-column='commission'][data-period='{period}']");
            Amount(At("current")).ShouldBe(0m, "35.00 earned on day 1, 35.00 taken back on day 2");
            var csv = ReadCsv(await (await desk.Client.GetAsync($"/admin/reports/money.csv?From={Iso(Day1)}&To={Iso(Day2)}&By=day")).Content.ReadAsStringAsync());
            var column = Array.IndexOf(csv[0], "commission: Maya Lopez");
            csv.Single(r => r[1] == Iso(Day1) && r[0] != "Total")[column].ShouldBe("35.00");
            csv.Single(r => r[1] == Iso(Day2) && r[0] != "Total")[column].ShouldBe("-35.00");
        }
    }

    [Fact]
    public void The_commission_definition_is_written_in_docs_reports()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MicroSpa.sln")))
        {
            directory = directory.Parent;
        }

        var docs = File.ReadAllText(Path.Combine(directory!.FullName, "docs", "reports.md"));
        docs.ShouldContain($"`{Web.Features.Reports.MoneyCommission.Key}`");
        docs.ShouldContain(Web.Features.Reports.MoneyCommission.Sentence);
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
}
