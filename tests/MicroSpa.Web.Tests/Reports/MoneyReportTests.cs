using System.Globalization;
using System.Net;
using CsvHelper;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Reports;
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
/// The money report against a small clinic checked out through the real pages over two months on the app's clock: three
/// days, a discount, a split tip, taxes, change given, a same-day void, a void of last month's invoice and a partial refund.
/// </summary>
public sealed class MoneyReportTests(WebAppFixture fixture) : WebTest(fixture)
{
    /// <summary>The app's clock, set by the test to the day the desk works on.</summary>
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly CultureInfo UnitedStates = CultureInfo.GetCultureInfo("en-US");

    /// <summary>The month reported: three months ahead, so every visit is booked in the future.</summary>
    private static DateOnly Month
    {
        get
        {
            var today = TestClinic.Zone.Today(DateTimeOffset.UtcNow);
            return new DateOnly(today.Year, today.Month, 1).AddMonths(3);
        }
    }

    private static DateOnly LastMonthsDay => Month.AddMonths(-1).AddDays(19);
    private static DateOnly FirstDay => Month.AddDays(2);
    private static DateOnly SecondDay => Month.AddDays(3);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string MonthQuery => $"From={Iso(Month)}&To={Iso(Month.AddMonths(1).AddDays(-1))}&By=day";

    /// <summary>
    /// Computed by hand from the visits below (retail taxed at 10 %, services at 0 %; a serum 24.99, its tax 2.50, two 5.00).
    /// Last month (one day): visit A 350.00 less 10 % (35.00) + a serum 24.99 + 2.50 tax + a 20.00 tip (Maya 10, Sofia 10) =
    /// 362.49 by card; walk-in W1 two serums 49.98 + 5.00 tax + a 5.00 tip for Sofia = 59.98, left unpaid.
    /// This month, day 1: visit B 350.00 + a 15.00 tip for Maya = 365.00, paid 200.00 cash and 165.00 card; walk-in W2 one serum
    /// 27.49, 30.00 cash handed over (2.51 change), voided the same day (27.49 cash back); W1 voided (59.98, Sofia's 5.00 given
    /// back). Day 2: 50.00 of B's card refunded as goodwill; walk-in W3 one serum 27.49 cash.
    /// </summary>
    private static readonly (string Figure, decimal ThisMonth, decimal LastMonth, decimal Day1, decimal Day2)[] Expected =
    [
        ("services", 350.00m, 350.00m, 350.00m, 0m),
        ("retail", 49.98m, 74.97m, 24.99m, 24.99m),
        ("fees", 0m, 0m, 0m, 0m),
        ("discounts", 0m, 35.00m, 0m, 0m),
        ("tax", 5.00m, 7.50m, 2.50m, 2.50m),
        ("tips", 15.00m, 25.00m, 15.00m, 0m),
        ("invoiced", 419.98m, 422.47m, 392.49m, 27.49m),
        ("refunds", 50.00m, 0m, 0m, 50.00m),
        ("voids", 87.47m, 0m, 87.47m, 0m),
        ("net", 282.51m, 422.47m, 305.02m, -22.51m),
        ("cash", 227.49m, 0m, 200.00m, 27.49m),
        ("card", 115.00m, 362.49m, 165.00m, -50.00m),
        ("online", 0m, 0m, 0m, 0m),
        ("other", 0m, 0m, 0m, 0m),
        ("collected", 342.49m, 362.49m, 365.00m, -22.51m),
    ];

    private static readonly (string Provider, decimal ThisMonth, decimal LastMonth)[] ExpectedTips =
    [
        ("Maya Lopez", 15.00m, 10.00m),
        ("Sofia Chen", -5.00m, 15.00m),
    ];

    /// <summary>
    /// The same visits by line: the serum's row is negative this month, where last month's walk-in (two serums, no provider)
    /// and this month's same-day void were taken back on the void's day; the visit's serum counts for Maya.
    /// </summary>
    private static readonly (string Table, string Name, string Column, decimal ThisMonth, decimal LastMonth)[] ExpectedBreakdowns =
    [
        ("by_service", "Microneedling — face", "count", 1m, 1m),
        ("by_service", "Microneedling — face", "net", 350.00m, 315.00m),
        ("by_product", "Hyaluronic serum", "count", -1m, 3m),
        ("by_product", "Hyaluronic serum", "net", -24.99m, 74.97m),
        ("by_provider", "Maya Lopez", "services", 350.00m, 315.00m),
        ("by_provider", "Maya Lopez", "retail", 0m, 24.99m),
        ("by_provider", "Maya Lopez", "tips_kept", 15.00m, 10.00m),
        ("by_provider", "No provider (walk-in retail)", "services", 0m, 0m),
        ("by_provider", "No provider (walk-in retail)", "retail", -24.99m, 49.98m),
        ("by_provider", "No provider (walk-in retail)", "tips_kept", 0m, 0m),
        ("by_provider", "Sofia Chen", "services", 0m, 0m),
        ("by_provider", "Sofia Chen", "retail", 0m, 0m),
        ("by_provider", "Sofia Chen", "tips_kept", -5.00m, 15.00m),
        ("by_tender", "Cash", "taken", 254.98m, 0m),
        ("by_tender", "Cash", "given_back", 27.49m, 0m),
        ("by_tender", "Cash", "collected", 227.49m, 0m),
        ("by_tender", "Card (terminal)", "taken", 165.00m, 362.49m),
        ("by_tender", "Card (terminal)", "given_back", 50.00m, 0m),
        ("by_tender", "Card (terminal)", "collected", 115.00m, 362.49m),
        ("by_tender", "Online (deposits, cards charged through Stripe)", "collected", 0m, 0m),
        ("by_tender", "Gift card and package credit", "collected", 0m, 0m),
    ];

    private static decimal Amount(string text) => decimal.Parse(text.Replace('−', '-'), NumberStyles.Currency, UnitedStates);

    private static string Cell(Page page, string selector) =>
        page.Document.QuerySelector(selector)?.TextContent.Trim() ?? throw new ShouldAssertException($"Nothing at {selector}.");

    private (WebApplicationFactory<Program> App, Clock Clock) AppWithClock()
    {
        var clock = new Clock();
        return (App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock))), clock);
    }

    /// <summary>An Admin account with an authenticator; signed in afresh on each day (a staff session ends after 15 idle minutes).</summary>
    private async Task<(string Email, string Key)> AdminAccountAsync()
    {
        var email = $"owner.{Guid.NewGuid():N}@clinic.test";
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Owner" };
        (await users.CreateAsync(user, AccountFlows.Password)).Succeeded.ShouldBeTrue();
        await users.AddToRoleAsync(user, Roles.Admin);
        return (email, await AccountFlows.TurnOnTwoFactorAsync(users, user));
    }

    private static async Task<WebSession> SignInOnAsync(WebApplicationFactory<Program> app, Clock clock, (string Email, string Key) admin)
    {
        var session = new WebSession(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var first = await AccountFlows.SignInAsync(session, admin.Email);
        first.Location!.ShouldStartWith("/account/two-factor");
        var done = await session.SubmitAsync(await session.GetAsync(first.Location), new Dictionary<string, string> { ["Code"] = Totp.Code(admin.Key, clock.Now) });
        done.Status.ShouldBe(HttpStatusCode.Redirect);
        return session;
    }

    /// <summary>Sets the clock to 10:00 on <paramref name="day"/> in the clinic and signs the Admin in.</summary>
    private static Task<WebSession> WorkOnAsync(DateOnly day, WebApplicationFactory<Program> app, Clock clock, (string, string) admin)
    {
        clock.Now = TestClinic.At(10, 0, day);
        return SignInOnAsync(app, clock, admin);
    }

    private async Task<string> VisitAsync(TestClinic clinic, WebSession desk, Clock clock)
    {
        var appointment = await clinic.BookAsync(Database, clock.Now.AddMinutes(10));
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

    private static async Task<string> WalkInAsync(WebSession desk, RetailItem serum, int quantity)
    {
        var url = (await desk.SubmitAsync("/checkout", new Dictionary<string, string>(), "/checkout/walk-in")).Location!;
        await OnInvoiceAsync(desk, url, "retail", new() { ["RetailItemId"] = serum.Id.ToString(), ["Quantity"] = quantity.ToString(CultureInfo.InvariantCulture) });
        return url;
    }

    private static async Task IssueAsync(WebSession desk, string url, string due) =>
        Text(await OnInvoiceAsync(desk, url, "issue", []), "invoice-due").ShouldBe(due);

    private async Task<Guid> LineAsync(string url, LineKind kind)
    {
        var id = Guid.Parse(url.Split('/')[^1]);
        await using var db = Database.CreateContext();
        return await db.InvoiceLines.Where(l => l.InvoiceId == id && l.Kind == kind).Select(l => l.Id).SingleAsync();
    }

    /// <summary>Builds the two months of the table above through the checkout pages; answers the app to read the report on.</summary>
    private async Task<(WebApplicationFactory<Program> App, Clock Clock, (string, string) Admin)> TwoMonthsCheckedOutAsync()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var admin = await AdminAccountAsync();
        RetailItem serum;
        await using (var db = Database.CreateContext())
        {
            (await db.TaxClasses.SingleAsync(t => t.Kind == TaxKind.Retail)).SetRate(10m);
            serum = new RetailItem("HA-SERUM", "Hyaluronic serum", 24.99m);
            db.RetailItems.Add(serum);
            db.StockEntries.Add(StockEntry.Received(serum, 20, await db.Users.Select(u => u.Id).FirstAsync(), "Delivery", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var (app, clock) = AppWithClock();
        var maya = clinic.Esthetician.Id.ToString();
        var sofia = clinic.OtherEsthetician.Id.ToString();

        string w1, b;
        using (var desk = await WorkOnAsync(LastMonthsDay, app, clock, admin))
        {
            var a = await VisitAsync(clinic, desk, clock);
            await OnInvoiceAsync(desk, a, "retail", new() { ["RetailItemId"] = serum.Id.ToString(), ["Quantity"] = "1" });
            await OnInvoiceAsync(desk, a, "discount", new()
            {
                ["DiscountLineId"] = (await LineAsync(a, LineKind.Service)).ToString(), ["DiscountKind"] = "Percent", ["DiscountValue"] = "10", ["DiscountReason"] = "First visit",
            });
            (await PostPairsAsync(desk, a, "tip", [("Tip", "20"), ("TipProviders", maya), ("TipProviders", sofia)])).Status.ShouldBe(HttpStatusCode.Redirect);
            await IssueAsync(desk, a, "$362.49");
            Text(await OnInvoiceAsync(desk, a, "card", new() { ["CardAmount"] = "362.49", ["CardBrand"] = "Visa", ["CardLastFour"] = "4242", ["ApprovalCode"] = "A1" }), "invoice-state")
                .ShouldContain("Paid");

            w1 = await WalkInAsync(desk, serum, 2);
            (await PostPairsAsync(desk, w1, "tip", [("Tip", "5"), ("TipProviders", sofia)])).Status.ShouldBe(HttpStatusCode.Redirect);
            await IssueAsync(desk, w1, "$59.98");
        }

        using (var desk = await WorkOnAsync(FirstDay, app, clock, admin))
        {
            b = await VisitAsync(clinic, desk, clock);
            (await PostPairsAsync(desk, b, "tip", [("Tip", "15"), ("TipProviders", maya)])).Status.ShouldBe(HttpStatusCode.Redirect);
            await IssueAsync(desk, b, "$365.00");
            await OnInvoiceAsync(desk, b, "cash", new() { ["CashTendered"] = "200" });
            Text(await OnInvoiceAsync(desk, b, "card", new() { ["CardAmount"] = "165", ["CardBrand"] = "Visa", ["CardLastFour"] = "4242", ["ApprovalCode"] = "B2" }), "invoice-state")
                .ShouldContain("Paid");

            var w2 = await WalkInAsync(desk, serum, 1);
            await IssueAsync(desk, w2, "$27.49");
            Text(await OnInvoiceAsync(desk, w2, "cash", new() { ["CashTendered"] = "30" }), "invoice-due").ShouldBe("$0.00");
            Text(await OnInvoiceAsync(desk, w2, "void", new() { ["VoidReason"] = "Rang up twice" }), "invoice-state").ShouldContain("Voided");
            Text(await OnInvoiceAsync(desk, w1, "void", new() { ["VoidReason"] = "Never collected" }), "invoice-state").ShouldContain("Voided");
        }

        using (var desk = await WorkOnAsync(SecondDay, app, clock, admin))
        {
            Guid card;
            await using (var db = Database.CreateContext())
            {
                var id = Guid.Parse(b.Split('/')[^1]);
                card = await db.LedgerEntries.Where(e => e.InvoiceId == id && e.Kind == EntryKind.Payment && e.Tender == Tender.Card).Select(e => e.Id).SingleAsync();
            }

            var page = await desk.GetAsync(b);
            (await desk.PostAsync(page, $"{b}/refund", new Dictionary<string, string>
            {
                ["PaymentId"] = card.ToString(), ["RefundAmount"] = "50.00", ["RefundReason"] = "Goodwill: redness lasted a week", ["SubmissionId"] = Guid.NewGuid().ToString(),
            })).Status.ShouldBe(HttpStatusCode.Redirect);

            var w3 = await WalkInAsync(desk, serum, 1);
            await IssueAsync(desk, w3, "$27.49");
            Text(await OnInvoiceAsync(desk, w3, "cash", new() { ["CashTendered"] = "27.49" }), "invoice-state").ShouldContain("Paid");
        }

        return (app, clock, admin);
    }

    [Fact]
    public async Task The_Admin_reads_this_month_against_last_month_as_computed_by_hand_and_the_CSV_holds_the_same_figures()
    {
        var (app, clock, admin) = await TwoMonthsCheckedOutAsync();
        await using var _ = app;
        clock.Now = TestClinic.At(18, 0, SecondDay);
        using var owner = await SignInOnAsync(app, clock, admin);

        var page = await owner.GetAsync($"/admin/reports/money?{MonthQuery}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        Cell(page, "#previous-period").ShouldBe($"{Month.AddMonths(-1).ToString("d MMMM yyyy", UnitedStates)} to {Month.AddDays(-1).ToString("d MMMM yyyy", UnitedStates)}",
            "a whole month is compared with the whole month before");
        foreach (var (figure, thisMonth, lastMonth, day1, day2) in Expected)
        {
            Amount(Cell(page, $"#money-summary tr[data-figure='{figure}'] .current")).ShouldBe(thisMonth, figure);
            Amount(Cell(page, $"#money-summary tr[data-figure='{figure}'] .previous")).ShouldBe(lastMonth, figure);
            Amount(Cell(page, $"#money-summary tr[data-figure='{figure}'] .change").Split(" (")[0]).ShouldBe(thisMonth - lastMonth, figure);
            Amount(Cell(page, $"#money-rows tr[data-from='{Iso(FirstDay)}'] td[data-figure='{figure}']")).ShouldBe(day1, $"{figure} on day 1");
            Amount(Cell(page, $"#money-rows tr[data-from='{Iso(SecondDay)}'] td[data-figure='{figure}']")).ShouldBe(day2, $"{figure} on day 2");
            Amount(Cell(page, $"#money-rows tr[data-from='{Iso(Month)}'] td[data-figure='{figure}']")).ShouldBe(0m, $"{figure} on a day with nothing");
            Amount(Cell(page, $"#money-rows tr[data-from='total'] td[data-figure='{figure}']")).ShouldBe(thisMonth, $"{figure} total");
            Cell(page, $".figure-definitions dd[data-figure='{figure}']").ShouldNotBeEmpty();
        }

        Cell(page, "#money-summary tr[data-figure='net'] .change").ShouldBe("−$139.96 (−33.1 %)");
        page.Document.QuerySelectorAll("#money-rows tbody tr").Length.ShouldBe(DateTime.DaysInMonth(Month.Year, Month.Month));
        page.Document.QuerySelectorAll("svg rect.bar").Length.ShouldBe(DateTime.DaysInMonth(Month.Year, Month.Month));
        page.Document.QuerySelector("svg polyline.previous").ShouldNotBeNull("last month's net per day beside this month's");
        var tips = page.Document.QuerySelectorAll("#provider-tips tbody tr")
            .Select(r => (r.QuerySelector("th")!.TextContent.Trim(), Amount(r.QuerySelector(".current")!.TextContent.Trim()), Amount(r.QuerySelector(".previous")!.TextContent.Trim())))
            .ToList();
        tips.ShouldBe(ExpectedTips);

        var csv = await owner.Client.GetAsync($"/admin/reports/money.csv?{MonthQuery}");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        csv.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"money-{Iso(Month)}-to-{Iso(Month.AddMonths(1).AddDays(-1))}.csv");
        var rows = ReadCsv(await csv.Content.ReadAsStringAsync());
        var header = rows[0];
        string[] Row(string from) => rows.Single(r => r[1] == from && r[0] != "Total");
        decimal Figure(string[] row, string key) => decimal.Parse(row[Array.IndexOf(header, key)], CultureInfo.InvariantCulture);
        var total = rows.Single(r => r[0] == "Total");
        var previous = rows.Single(r => r[0] == "Previous period");
        previous[1].ShouldBe(Iso(Month.AddMonths(-1)));
        foreach (var (figure, _, _, _, _) in Expected)
        {
            Figure(total, figure).ShouldBe(Amount(Cell(page, $"#money-summary tr[data-figure='{figure}'] .current")), figure);
            Figure(previous, figure).ShouldBe(Amount(Cell(page, $"#money-summary tr[data-figure='{figure}'] .previous")), figure);
            Figure(Row(Iso(FirstDay)), figure).ShouldBe(Amount(Cell(page, $"#money-rows tr[data-from='{Iso(FirstDay)}'] td[data-figure='{figure}']")), figure);
            Figure(Row(Iso(SecondDay)), figure).ShouldBe(Amount(Cell(page, $"#money-rows tr[data-from='{Iso(SecondDay)}'] td[data-figure='{figure}']")), figure);
        }

        foreach (var (provider, thisMonth, lastMonth) in ExpectedTips)
        {
            Figure(total, $"tips_kept: {provider}").ShouldBe(thisMonth);
            Figure(previous, $"tips_kept: {provider}").ShouldBe(lastMonth);
        }
    }

    [Fact]
    public async Task The_breakdowns_by_service_product_provider_and_tender_are_as_computed_by_hand_and_their_CSV_holds_the_same()
    {
        var (app, clock, admin) = await TwoMonthsCheckedOutAsync();
        await using var _ = app;
        clock.Now = TestClinic.At(18, 0, SecondDay);
        using var owner = await SignInOnAsync(app, clock, admin);

        var page = await owner.GetAsync($"/admin/reports/money?{MonthQuery}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        string At(string table, string name, string column, string period) =>
            Cell(page, $"#{table} tr[data-name='{name}'] td[data-column='{column}'][data-period='{period}']");
        foreach (var (table, name, column, thisMonth, lastMonth) in ExpectedBreakdowns)
        {
            Amount(At(table, name, column, "current")).ShouldBe(thisMonth, $"{table} {name} {column}");
            Amount(At(table, name, column, "previous")).ShouldBe(lastMonth, $"{table} {name} {column}");
        }

        foreach (var (table, rows) in new[] { ("by_service", 1), ("by_product", 1), ("by_provider", 3), ("by_tender", 4) })
        {
            page.Document.QuerySelectorAll($"#{table} tbody tr").Length.ShouldBe(rows, table);
            Cell(page, $".breakdown-definition[data-table='{table}']").ShouldNotBeEmpty();
        }

        var csv = await owner.Client.GetAsync(page.Document.GetElementById("breakdowns-csv")!.GetAttribute("href"));
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var rowsRead = ReadCsv(await csv.Content.ReadAsStringAsync());
        rowsRead[0].ShouldBe(["table", "name", "figure", "this_period", "previous_period"]);
        rowsRead.Count.ShouldBe(1 + (2 * 2) + (3 * 3) + (4 * 3), "a row per table, name and figure");
        foreach (var row in rowsRead.Skip(1))
        {
            decimal.Parse(row[3], CultureInfo.InvariantCulture).ShouldBe(Amount(At(row[0], row[1], row[2], "current")), string.Join(' ', row));
            decimal.Parse(row[4], CultureInfo.InvariantCulture).ShouldBe(Amount(At(row[0], row[1], row[2], "previous")), string.Join(' ', row));
        }
    }

    [Fact]
    public async Task A_tip_partly_refunded_and_then_voided_is_taken_back_from_the_provider_once()
    {
        // By hand: a 20.00 tip for Maya, paid by card; 10.00 of it refunded on the tip line; then the invoice voided, which
        // gives back only what is left (10.00 of the tip). Maya keeps 20.00 - 10.00 - 10.00 = 0.00, never -10.00.
        var clinic = await TestClinic.CreateAsync(Database);
        var admin = await AdminAccountAsync();
        var (app, clock) = AppWithClock();
        await using var _ = app;
        using (var desk = await WorkOnAsync(FirstDay, app, clock, admin))
        {
            var visit = await VisitAsync(clinic, desk, clock);
            (await PostPairsAsync(desk, visit, "tip", [("Tip", "20"), ("TipProviders", clinic.Esthetician.Id.ToString())])).Status.ShouldBe(HttpStatusCode.Redirect);
            await IssueAsync(desk, visit, "$370.00");
            Text(await OnInvoiceAsync(desk, visit, "card", new() { ["CardAmount"] = "370.00", ["CardBrand"] = "Visa", ["CardLastFour"] = "4242", ["ApprovalCode"] = "T1" }), "invoice-state")
                .ShouldContain("Paid");
            Guid card;
            await using (var db = Database.CreateContext())
            {
                var id = Guid.Parse(visit.Split('/')[^1]);
                card = await db.LedgerEntries.Where(e => e.InvoiceId == id && e.Kind == EntryKind.Payment).Select(e => e.Id).SingleAsync();
            }

            (await desk.PostAsync(await desk.GetAsync(visit), $"{visit}/refund", new Dictionary<string, string>
            {
                ["PaymentId"] = card.ToString(), ["RefundAmount"] = "10.00", ["RefundReason"] = "Tip keyed too high", ["RefundLineId"] = (await LineAsync(visit, LineKind.Tip)).ToString(),
                ["SubmissionId"] = Guid.NewGuid().ToString(),
            })).Status.ShouldBe(HttpStatusCode.Redirect);
            Text(await OnInvoiceAsync(desk, visit, "void", new() { ["VoidReason"] = "Client disputed the visit" }), "invoice-state").ShouldContain("Voided");
        }

        clock.Now = TestClinic.At(18, 0, FirstDay);
        using var owner = await SignInOnAsync(app, clock, admin);
        var page = await owner.GetAsync($"/admin/reports/money?From={Iso(FirstDay)}&To={Iso(FirstDay)}&By=day");

        Amount(Cell(page, "#money-summary tr[data-figure='tips'] .current")).ShouldBe(20.00m);
        var rows = page.Document.QuerySelectorAll("#provider-tips tbody tr");
        rows.Length.ShouldBe(1);
        rows[0].QuerySelector("th")!.TextContent.Trim().ShouldBe("Maya Lopez");
        Amount(rows[0].QuerySelector(".current")!.TextContent.Trim()).ShouldBe(0m, "the tip was given back once: 10.00 refunded, the other 10.00 by the void");
    }

    [Fact]
    public async Task A_void_of_last_months_invoice_leaves_last_month_as_it_was_and_a_range_by_week_sums_the_same_days()
    {
        var (app, clock, admin) = await TwoMonthsCheckedOutAsync();
        await using var _ = app;
        clock.Now = TestClinic.At(18, 0, SecondDay);
        using var owner = await SignInOnAsync(app, clock, admin);

        var lastMonth = await owner.GetAsync($"/admin/reports/money?From={Iso(Month.AddMonths(-1))}&To={Iso(Month.AddDays(-1))}&By=week");
        foreach (var (figure, _, expected, _, _) in Expected)
        {
            Amount(Cell(lastMonth, $"#money-summary tr[data-figure='{figure}'] .current")).ShouldBe(expected, figure);
        }

        var twoDays = await owner.GetAsync($"/admin/reports/money?From={Iso(FirstDay)}&To={Iso(SecondDay)}&By=week");
        Cell(twoDays, "#previous-period").ShouldBe($"{Month.ToString("d MMMM yyyy", UnitedStates)} to {Month.AddDays(1).ToString("d MMMM yyyy", UnitedStates)}",
            "two days are compared with the two days before");
        Amount(Cell(twoDays, "#money-summary tr[data-figure='net'] .current")).ShouldBe(282.51m);
        Amount(Cell(twoDays, "#money-summary tr[data-figure='net'] .previous")).ShouldBe(0m);
        var weeks = twoDays.Document.QuerySelectorAll("#money-rows tbody tr").Select(r => Amount(r.QuerySelector("td[data-figure='net']")!.TextContent.Trim())).ToList();
        weeks.Count.ShouldBe(FirstDay.DayOfWeek == DayOfWeek.Sunday ? 2 : 1, "a week runs Monday to Sunday");
        weeks.Sum().ShouldBe(282.51m);
    }

    [Theory]
    [InlineData("From=2027-04-10&To=2027-04-01", "To", "The last day comes on or after the first.")]
    [InlineData("From=10/04/2027&To=2027-04-30", "From", "Enter the first day as a date, for example 2027-04-01.")]
    [InlineData("From=2027-04-01&To=2027-02-30", "To", "Enter the last day as a date, for example 2027-04-01.")]
    [InlineData("From=2027-04-01", "To", "Choose the last day.")]
    [InlineData("From=2020-01-01&To=2022-01-01&By=month", "To", "A report covers at most 2 years: choose a last day up to 2021-12-31.")]
    [InlineData("From=2027-01-01&To=2027-06-30&By=day", "By", "Group by week or month for more than 92 days.")]
    [InlineData("From=2027-04-01&To=2027-04-30&By=year", "By", "Group by day, week or month.")]
    [InlineData("From=0001-01-01&To=2027-04-30", "From", "Choose a date between 1 January 1900 and 31 December 2199.")]
    public async Task Dates_and_groupings_that_make_no_report_are_told_on_their_field_on_the_page_and_for_the_CSV(string query, string field, string message)
    {
        using var owner = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        foreach (var path in new[] { "/admin/reports/money", "/admin/reports/money.csv", "/admin/reports/money/breakdowns.csv" })
        {
            var page = await owner.GetAsync($"{path}?{query}");
            page.Status.ShouldBe(HttpStatusCode.BadRequest, path);
            page.FieldMessage(field).ShouldBe(message, path);
            page.Document.GetElementById("money-summary").ShouldBeNull("no figures for a range that is not one");
        }
    }

    [Fact]
    public async Task With_no_dates_the_report_shows_this_month_by_day_and_only_the_Admin_reads_it()
    {
        using var owner = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var today = TestClinic.Zone.Today(DateTimeOffset.UtcNow);
        var first = new DateOnly(today.Year, today.Month, 1);

        var page = await owner.GetAsync("/admin/reports/money");

        page.Status.ShouldBe(HttpStatusCode.OK, string.Join("\n", App.Log.Lines.Where(l => l.Contains("Exception", StringComparison.Ordinal))));
        page.Document.QuerySelector("input[name=From]")!.GetAttribute("value").ShouldBe(Iso(first));
        page.Document.QuerySelector("input[name=To]")!.GetAttribute("value").ShouldBe(Iso(first.AddMonths(1).AddDays(-1)));
        page.Document.QuerySelectorAll("#money-rows tbody tr").Length.ShouldBe(DateTime.DaysInMonth(today.Year, today.Month));
        Amount(Cell(page, "#money-summary tr[data-figure='net'] .current")).ShouldBe(0m);
        (await owner.GetAsync("/admin/reports")).Document.QuerySelector("a[href='/admin/reports/money']").ShouldNotBeNull();

        foreach (var role in new[] { Roles.FrontDesk, Roles.Esthetician, Roles.MedicalDirector })
        {
            using var other = await AccountFlows.SignedInStaffAsync(App, NewSession, role);
            foreach (var path in new[] { "/admin/reports", "/admin/reports/money", "/admin/reports/money.csv", "/admin/reports/money/breakdowns.csv" })
            {
                var refused = await other.GetAsync(path);
                refused.Status.ShouldBe(HttpStatusCode.Redirect, $"{role} {path}");
                refused.Location!.ShouldContain("/account/access-denied");
            }
        }

        (await NewSession().GetAsync("/admin/reports/money.csv")).Location!.ShouldContain("/account/sign-in");
    }

    [Fact]
    public void Every_figures_definition_is_written_in_docs_reports()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MicroSpa.sln")))
        {
            directory = directory.Parent;
        }

        var docs = File.ReadAllText(Path.Combine(directory!.FullName, "docs", "reports.md"));
        foreach (var definition in MoneyFigures.Definitions)
        {
            docs.ShouldContain($"`{definition.Key}`", customMessage: definition.Key);
            docs.ShouldContain(definition.Sentence, customMessage: definition.Key);
        }

        docs.ShouldContain(MoneyFigures.TipsKeptDefinition);
        foreach (var (key, _, sentence) in MoneyBreakdown.Definitions)
        {
            docs.ShouldContain($"`{key}`", customMessage: key);
            docs.ShouldContain(sentence, customMessage: key);
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
}
