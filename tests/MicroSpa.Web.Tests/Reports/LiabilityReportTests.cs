using System.Globalization;
using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MicroSpa.Web.Tests.Checkout.CheckoutFlows;

namespace MicroSpa.Web.Tests.Reports;

/// <summary>
/// The liability report (issue 19, decision 059) through its page and CSV on PostgreSQL, against figures computed by hand:
/// prepaid sessions not yet delivered, at the price paid per session, at the close of a day.
/// </summary>
public sealed class LiabilityReportTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static readonly CultureInfo UnitedStates = CultureInfo.GetCultureInfo("en-US");

    private Task<WebSession> SignedInStaffAsync(string role) => AccountFlows.SignedInStaffAsync(App, NewSession, role);

    private async Task<Guid> DefineAsync(WebSession admin, TestClinic clinic, string name, int sessions, string price)
    {
        var saved = await admin.SubmitAsync("/admin/packages/new", new Dictionary<string, string>
        {
            ["Form.Name"] = name, ["Form.ServiceIds"] = clinic.Facial.Id.ToString(), ["Form.Sessions"] = sessions.ToString(CultureInfo.InvariantCulture),
            ["Form.Price"] = price, ["Form.ValidityMonths"] = "12",
        });
        saved.Status.ShouldBe(HttpStatusCode.Redirect, saved.Summary);
        await using var db = Database.CreateContext();
        return await db.PackageVersions.Where(v => v.Name == name).Select(v => v.PackageId).SingleAsync();
    }

    /// <summary>The desk sells the package to the test client and takes it in cash: its credits are issued. Answers the lot (the package's line).</summary>
    private async Task<Guid> SellAsync(WebSession desk, TestClinic clinic, Guid packageId)
    {
        var url = (await desk.SubmitAsync("/checkout", new Dictionary<string, string> { ["ClientId"] = clinic.Client.Id.ToString() }, "/checkout/walk-in")).Location!;
        await OnInvoiceAsync(desk, url, "packages", new() { ["PackageId"] = packageId.ToString() });
        await OnInvoiceAsync(desk, url, "issue", []);
        Text(await OnInvoiceAsync(desk, url, "cash", new() { ["CashTendered"] = "2000" }), "invoice-due").ShouldBe("$0.00");
        var invoiceId = Guid.Parse(url.Split('/')[^1]);
        await using var db = Database.CreateContext();
        return await db.InvoiceLines.Where(l => l.InvoiceId == invoiceId && l.Kind == LineKind.Package).Select(l => l.Id).SingleAsync();
    }

    private async Task<string> VisitPaidByACreditAsync(WebSession desk, TestClinic clinic)
    {
        var appointment = await clinic.BookAsync(Database, TestClinic.SoonToday());
        await TestClinic.GiveIntakeAsync(Database, appointment.Id);
        await CompleteAsync(desk, appointment.Id);
        var url = await CheckOutAsync(desk, appointment.Id);
        await OnInvoiceAsync(desk, url, "issue", []);
        var paid = await desk.SubmitAsync(await desk.GetAsync(url), new Dictionary<string, string>(), $"{url}/credit");
        Text(await desk.FollowAsync(paid), "invoice-due").ShouldBe("$0.00");
        return url;
    }

    private static string Cell(Page page, string figure, string column) =>
        page.Document.QuerySelector($"#liability-summary tr[data-figure='{figure}'] .{column}")?.TextContent.Trim()
            ?? throw new ShouldAssertException($"The page shows no {figure} figure.");

    private static decimal Money(string text) => decimal.Parse(text.Replace('−', '-'), NumberStyles.Currency, UnitedStates);

    [Fact]
    public async Task Prepaid_sessions_not_yet_delivered_are_valued_at_the_price_paid_per_session_at_a_days_close_and_the_csv_agrees()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        var three = await DefineAsync(admin, clinic, "Face series of 3", 3, "1000");
        var four = await DefineAsync(admin, clinic, "Neck series of 4", 4, "800");
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);

        await SellAsync(desk, clinic, three);
        var visit = await VisitPaidByACreditAsync(desk, clinic);
        var refunded = await SellAsync(desk, clinic, four);
        // The Admin refunds the series of 4 whole from the client's profile (no session used: $800 by the rule), in cash.
        var refund = await admin.GetAsync($"/front-desk/clients/{clinic.Client.Id}/packages/{refunded}/refund");
        Text(refund, "refund-amount").ShouldBe("$800.00");
        (await admin.SubmitAsync(refund, new Dictionary<string, string> { ["Form.Tender"] = "cash", ["Form.Reason"] = "Moving away" })).Status.ShouldBe(HttpStatusCode.Redirect);

        var today = TestClinic.Zone.Today(DateTimeOffset.UtcNow);
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var page = await admin.GetAsync($"/admin/reports/liability?From={day}&To={day}&By=day");
        page.Status.ShouldBe(HttpStatusCode.OK);

        // By hand: the series of 3 was paid $1,000 and one session was given, so 2 are owed at $1,000 / 3 each:
        // 1000 × 2 / 3 = 666.666… → $666.67. The series of 4 was refunded whole the same day: nothing is owed on it.
        // Yesterday's close: nothing had been sold.
        Money(Cell(page, "liability", "current")).ShouldBe(666.67m);
        Cell(page, "sessions", "current").ShouldBe("2");
        Cell(page, "lots", "current").ShouldBe("1");
        Cell(page, "clients", "current").ShouldBe("1");
        Money(Cell(page, "liability", "previous")).ShouldBe(0m);
        Cell(page, "sessions", "previous").ShouldBe("0");
        var packages = page.Document.QuerySelectorAll("#liability-packages tbody tr").Select(r => r.GetAttribute("data-name")).ToList();
        packages.ShouldBe(["Face series of 3"], "a package with no session left at either close is not listed");
        page.Document.QuerySelector("#liability-rows tbody tr td[data-figure='liability']")!.TextContent.Trim().ShouldBe("$666.67");
        page.Document.QuerySelector(".liability-chart svg rect.bar").ShouldNotBeNull();

        var csv = await admin.Client.GetAsync($"/admin/reports/liability.csv?From={day}&To={day}&By=day");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].ShouldBe("kind,name,at_close_of,lots,sessions,liability");
        lines.ShouldContain($"package,Face series of 3,{day},1,2,666.67");
        lines.Count(l => l.StartsWith("row,", StringComparison.Ordinal) && l.EndsWith(",1,2,666.67", StringComparison.Ordinal)).ShouldBe(1);

        // A range that runs on past today gives today's balance so far, not one at a close still to come.
        var ahead = await admin.GetAsync($"/admin/reports/liability?From={day}&To={today.AddDays(20):yyyy-MM-dd}&By=day");
        ahead.Status.ShouldBe(HttpStatusCode.OK);
        ahead.Document.GetElementById("liability-day")!.TextContent.ShouldBe(today.ToString("d MMMM yyyy", UnitedStates));
        Money(Cell(ahead, "liability", "current")).ShouldBe(666.67m);
        ahead.Document.QuerySelectorAll("#liability-rows tbody tr").Length.ShouldBe(1, "no row after today");

        // The visit voided: its credit comes back, and with it the session's price: 1000 × 3 / 3 = $1,000.00.
        using var refunder = await SignedInStaffAsync(Roles.Admin);
        Text(await OnInvoiceAsync(refunder, visit, "void", new() { ["VoidReason"] = "Checked out on the wrong visit" }), "invoice-state").ShouldContain("Voided");
        page = await admin.GetAsync($"/admin/reports/liability?From={day}&To={day}&By=day");
        Money(Cell(page, "liability", "current")).ShouldBe(1000m);
        Cell(page, "sessions", "current").ShouldBe("3");

        // Every figure recomputed from the wallet entries by the domain's own count agrees with the page.
        await using var db = Database.CreateContext();
        var lots = await new Data.Billing.Wallet(db).ForClientAsync(clinic.Client.Id, default);
        lots.Sum(l => l.Left).ShouldBe(3);
    }

    [Fact]
    public async Task Dates_that_make_no_period_are_told_on_their_field_and_the_front_desk_may_not_read_it()
    {
        await TestClinic.CreateAsync(Database);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        var bad = await admin.GetAsync("/admin/reports/liability?From=2027-13-01&To=2027-01-31");
        bad.Status.ShouldBe(HttpStatusCode.BadRequest);
        bad.Document.GetElementById("From-error")!.TextContent.Trim().ShouldNotBeEmpty();
        var backwards = await admin.GetAsync("/admin/reports/liability.csv?From=2027-02-01&To=2027-01-01");
        backwards.Status.ShouldBe(HttpStatusCode.BadRequest);
        backwards.Document.QuerySelector("#liability-summary").ShouldBeNull("no figures for a period that is none");

        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var refused = await desk.GetAsync("/admin/reports/liability");
        refused.Status.ShouldBe(HttpStatusCode.Redirect);
        refused.Location!.ShouldContain("/account/access-denied");
        using var manager = await SignedInStaffAsync(Roles.Manager);
        (await manager.GetAsync("/admin/reports/liability")).Status.ShouldBe(HttpStatusCode.OK, "a Manager reads the reports");
    }

    [Fact]
    public async Task Outstanding_gift_card_balances_are_the_cards_values_less_what_paid_for_visits_at_a_days_close()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var (code, _) = await Wallet.GiftCardTests.SellAsync(desk, clinic, "100");
        var (_, voidedSale) = await Wallet.GiftCardTests.SellAsync(desk, clinic, "40");
        Text(await OnInvoiceAsync(admin, voidedSale, "void", new() { ["VoidReason"] = "Sold by mistake" }), "invoice-state").ShouldContain("Voided");
        var appointment = await clinic.BookAsync(Database, TestClinic.SoonToday());
        await TestClinic.GiveIntakeAsync(Database, appointment.Id);
        await CompleteAsync(desk, appointment.Id);
        var visit = await CheckOutAsync(desk, appointment.Id);
        await OnInvoiceAsync(desk, visit, "issue", []);
        Text(await OnInvoiceAsync(desk, visit, "gift-card", new() { ["GiftCardCode"] = code, ["GiftCardAmount"] = "30" }), "invoice-due").ShouldBe("$320.00");

        var day = TestClinic.Zone.Today(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var page = await admin.GetAsync($"/admin/reports/liability?From={day}&To={day}&By=day");
        page.Status.ShouldBe(HttpStatusCode.OK);

        // By hand: the $100 card paid $30 of a visit, so $70 is owed; the $40 card's sale was voided before use: nothing.
        // Yesterday's close: no card had been sold.
        Money(Cell(page, "giftcards", "current")).ShouldBe(70m);
        Money(Cell(page, "giftcards", "previous")).ShouldBe(0m);
        Money(Cell(page, "liability", "current")).ShouldBe(0m, "no package was sold");
    }
}
