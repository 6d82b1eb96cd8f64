using System.Net;
using MicroSpa.Data.Billing;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MicroSpa.Web.Tests.Checkout.CheckoutFlows;

namespace MicroSpa.Web.Tests.Checkout;

/// <summary>The desk checks a visit out through the pages, on PostgreSQL: lines, discounts, taxes and tips to the cent, tenders, refusals.</summary>
public sealed class CheckoutTests(WebAppFixture fixture) : WebTest(fixture)
{
    private Task<WebSession> SignedInStaffAsync(string role) => AccountFlows.SignedInStaffAsync(App, NewSession, role);

    /// <summary>A completed visit of today for the test clinic's client (booked at 350), the desk signed in, taxes and a serum set up.</summary>
    private async Task<(TestClinic Clinic, WebSession Desk, RetailItem Serum, string InvoiceUrl)> CheckedOutVisitAsync(bool repriceFirst = false)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.SoonToday());
        await TestClinic.GiveIntakeAsync(Database, appointment.Id);
        var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var serum = await TaxesAndSerumAsync(Database);
        if (repriceFirst)
        {
            await using var db = Database.CreateContext();
            (await db.Services.SingleAsync(s => s.Id == clinic.Facial.Id)).Reprice(420m);
            await db.SaveChangesAsync();
        }

        await CompleteAsync(desk, appointment.Id);
        return (clinic, desk, serum, await CheckOutAsync(desk, appointment.Id));
    }

    private async Task<Guid> LineIdAsync(string invoiceUrl, LineKind kind)
    {
        var id = Guid.Parse(invoiceUrl.Split('/')[^1]);
        await using var db = Database.CreateContext();
        return await db.InvoiceLines.Where(l => l.InvoiceId == id && l.Kind == kind).Select(l => l.Id).FirstAsync();
    }

    [Fact]
    public async Task The_desk_checks_out_a_completed_visit_with_a_serum_a_percent_discount_and_a_split_tip_taxed_to_the_cent_and_pays_in_two_tenders()
    {
        var (clinic, desk, serum, url) = await CheckedOutVisitAsync(repriceFirst: true);

        var page = await desk.GetAsync(url);
        page.Status.ShouldBe(HttpStatusCode.OK);
        Text(page, "invoice-lines").ShouldContain("Microneedling — face · Cheeks");
        Text(page, "invoice-lines").ShouldContain("$350.00", customMessage: "the price at booking, not the 420 of today");
        Text(page, "invoice-state").ShouldContain("Draft");

        page = await OnInvoiceAsync(desk, url, "retail", new() { ["RetailItemId"] = serum.Id.ToString(), ["Quantity"] = "1" });
        Text(page, "invoice-lines").ShouldContain("Hyaluronic serum");
        page = await OnInvoiceAsync(desk, url, "discount", new()
        {
            ["DiscountLineId"] = (await LineIdAsync(url, LineKind.Service)).ToString(), ["DiscountKind"] = "Percent", ["DiscountValue"] = "12.5", ["DiscountReason"] = "Loyal client",
        });
        Text(page, "invoice-lines").ShouldContain("−$43.75");
        page = await PostPairsAsync(desk, url, "tip", [("Tip", "10.01"), ("TipProviders", clinic.Esthetician.Id.ToString()), ("TipProviders", clinic.OtherEsthetician.Id.ToString())]);
        page.Status.ShouldBe(HttpStatusCode.Redirect);

        // Services 306.25 taxed 6.25 % = 19.140625 → 19.14; the serum 24.99 taxed 8.875 % = 2.2178625 → 2.22.
        (await LinesAsync(url)).Where(l => l.Kind == LineKind.Tip).Select(l => (l.ProviderId, l.UnitPrice)).ShouldBe(
            [(clinic.Esthetician.Id, 5.01m), (clinic.OtherEsthetician.Id, 5.00m)], ignoreOrder: true);
        page = await OnInvoiceAsync(desk, url, "issue", []);
        Text(page, "invoice-due").ShouldBe("$362.61");
        page = await desk.GetAsync(url);
        Text(page, "invoice-totals").ShouldContain("$19.14");
        Text(page, "invoice-totals").ShouldContain("$2.22");
        Text(page, "invoice-state").ShouldContain("Open");

        page = await OnInvoiceAsync(desk, url, "cash", new() { ["CashTendered"] = "100" });
        Text(page, "invoice-due").ShouldBe("$262.61");
        Text(page, "invoice-state").ShouldContain("Partly paid");

        var tooMuch = await OnInvoiceAsync(desk, url, "card", new() { ["CardAmount"] = "262.62", ["CardBrand"] = "Visa", ["CardLastFour"] = "4242", ["ApprovalCode"] = "A1B2" });
        tooMuch.Status.ShouldBe(HttpStatusCode.OK);
        tooMuch.FieldMessage("CardAmount").ShouldBe("Only 262.61 USD is due: take at most that.");
        var letters = await OnInvoiceAsync(desk, url, "card", new() { ["CardAmount"] = "abc", ["CardBrand"] = "Visa", ["CardLastFour"] = "42x2", ["ApprovalCode"] = "A1B2" });
        letters.FieldMessage("CardAmount").ShouldNotBeNull();
        var badDigits = await OnInvoiceAsync(desk, url, "card", new() { ["CardAmount"] = "262.61", ["CardBrand"] = "Visa", ["CardLastFour"] = "42x2", ["ApprovalCode"] = "A1B2" });
        badDigits.FieldMessage("CardLastFour").ShouldBe("Enter the card's last four digits.");

        page = await OnInvoiceAsync(desk, url, "card", new() { ["CardAmount"] = "262.61", ["CardBrand"] = "Visa", ["CardLastFour"] = "4242", ["ApprovalCode"] = "a1b2" });
        Text(page, "invoice-state").ShouldContain("Paid");
        Text(page, "invoice-due").ShouldBe("$0.00");
        Text(page, "invoice-payments").ShouldContain("Visa ending 4242 (approval A1B2)");

        await using var db = Database.CreateContext();
        var id = Guid.Parse(url.Split('/')[^1]);
        (await db.LedgerEntries.Where(e => e.InvoiceId == id).Select(e => new { e.Kind, e.Amount }).OrderBy(e => e.Kind).ToListAsync())
            .Select(e => (e.Kind, e.Amount)).ShouldBe([(EntryKind.Issued, 362.61m), (EntryKind.Payment, 100m), (EntryKind.Payment, 262.61m)], ignoreOrder: true);
        (await db.StockEntries.Where(s => s.RetailItemId == serum.Id).SumAsync(s => s.QuantityChange)).ShouldBe(9);
        (await db.AuditEntries.Where(a => a.Action.StartsWith("money.")).Select(a => a.Action).ToListAsync())
            .ShouldBe(["money.discount", "money.issue", "money.payment", "money.payment"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_discount_above_the_clinics_limit_is_refused_to_the_desk_on_its_field_and_given_by_the_Admin()
    {
        var (_, desk, _, url) = await CheckedOutVisitAsync();
        var service = (await LineIdAsync(url, LineKind.Service)).ToString();
        Dictionary<string, string> Half() => new() { ["DiscountLineId"] = service, ["DiscountKind"] = "Percent", ["DiscountValue"] = "50", ["DiscountReason"] = "Friend of the owner" };

        var refused = await OnInvoiceAsync(desk, url, "discount", Half());
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.FieldMessage("DiscountValue").ShouldBe("A discount above 20 % of the line needs an Admin.");
        (await LinesAsync(url)).Single().DiscountAmount.ShouldBe(0m);
        (await OnInvoiceAsync(desk, url, "discount", new() { ["DiscountLineId"] = service, ["DiscountKind"] = "Fixed", ["DiscountValue"] = "-5", ["DiscountReason"] = "x" }))
            .FieldMessage("DiscountValue").ShouldBe("Enter an amount above zero.");

        using var admin = await SignedInStaffAsync(Roles.Admin);
        var given = await OnInvoiceAsync(admin, url, "discount", Half());
        Text(given, "invoice-lines").ShouldContain("−$175.00");
        (await LinesAsync(url)).Single().DiscountReason.ShouldBe("Friend of the owner");
    }

    [Fact]
    public async Task A_retired_product_is_refused_on_its_field_and_nothing_is_added()
    {
        var (_, desk, serum, url) = await CheckedOutVisitAsync();
        var page = await desk.GetAsync(url);
        await using (var db = Database.CreateContext())
        {
            (await db.RetailItems.SingleAsync(r => r.Id == serum.Id)).Retire();
            await db.SaveChangesAsync();
        }

        var refused = await desk.SubmitAsync(page, new Dictionary<string, string> { ["RetailItemId"] = serum.Id.ToString(), ["Quantity"] = "1" }, $"{url}/retail");

        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.FieldMessage("RetailItemId").ShouldBe("Hyaluronic serum is retired and no longer sold.");
        (await LinesAsync(url)).Count.ShouldBe(1);
        (await OnInvoiceAsync(desk, url, "retail", new() { ["RetailItemId"] = Guid.NewGuid().ToString(), ["Quantity"] = "1" }))
            .FieldMessage("RetailItemId").ShouldBe("Choose a product from the list.");
        (await OnInvoiceAsync(desk, url, "retail", new() { ["RetailItemId"] = serum.Id.ToString(), ["Quantity"] = "many" }))
            .FieldMessage("Quantity").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_double_tapped_payment_is_taken_once_and_two_desks_paying_at_once_take_exactly_one_payment()
    {
        var (_, desk, _, url) = await CheckedOutVisitAsync();
        await OnInvoiceAsync(desk, url, "issue", []);
        var page = await desk.GetAsync(url);
        var cash = new Dictionary<string, string> { ["CashTendered"] = "50" };

        var first = await desk.SubmitAsync(page, cash, $"{url}/cash");
        var again = await desk.SubmitAsync(page, cash, $"{url}/cash");

        first.Status.ShouldBe(HttpStatusCode.Redirect);
        again.Status.ShouldBe(HttpStatusCode.Redirect, "the same form, posted twice, is answered as done");
        var id = Guid.Parse(url.Split('/')[^1]);
        await using (var db = Database.CreateContext())
        {
            (await db.LedgerEntries.CountAsync(e => e.InvoiceId == id && e.Kind == EntryKind.Payment)).ShouldBe(1);
        }

        using var otherDesk = await SignedInStaffAsync(Roles.FrontDesk);
        var pages = new[] { await desk.GetAsync(url), await otherDesk.GetAsync(url) };
        var due = Text(pages[0], "invoice-due").TrimStart('$');
        var card = new Dictionary<string, string> { ["CardAmount"] = due, ["CardBrand"] = "Visa", ["CardLastFour"] = "4242", ["ApprovalCode"] = "OK1" };
        var answers = await Task.WhenAll(desk.SubmitAsync(pages[0], card, $"{url}/card"), otherDesk.SubmitAsync(pages[1], card, $"{url}/card"));

        answers.Count(a => a.Status == HttpStatusCode.Redirect).ShouldBe(1);
        answers.Single(a => a.Status == HttpStatusCode.Conflict).Summary.ShouldBe("Nothing is due on this invoice.", "the card form is gone from a paid invoice: the message is above it");
        await using var check = Database.CreateContext();
        (await check.LedgerEntries.Where(e => e.InvoiceId == id && e.Kind == EntryKind.Payment).Select(e => e.Tender).ToListAsync())
            .ShouldBe([Tender.Cash, Tender.Card], ignoreOrder: true);
    }

    [Fact]
    public async Task A_closed_day_takes_no_payment_and_says_so_and_a_walk_in_buys_retail_without_a_name()
    {
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var serum = await TaxesAndSerumAsync(Database);
        var desk2 = await desk.SubmitAsync("/checkout", new Dictionary<string, string>(), "/checkout/walk-in");
        desk2.Status.ShouldBe(HttpStatusCode.Redirect);
        var url = desk2.Location!;
        var page = await OnInvoiceAsync(desk, url, "retail", new() { ["RetailItemId"] = serum.Id.ToString(), ["Quantity"] = "2" });
        page.Document.QuerySelector("h1")!.TextContent.ShouldContain("Walk-in");
        page = await OnInvoiceAsync(desk, url, "issue", []);
        Text(page, "invoice-due").ShouldBe("$54.42");
        page = await desk.GetAsync(url);

        await using (var db = Database.CreateContext())
        {
            var user = await db.Users.FirstAsync();
            var ledger = new Ledger(db, TestClinic.Zone, TimeProvider.System);
            (await ledger.CloseDayAsync(TestClinic.Zone.Today(DateTimeOffset.UtcNow), 0m, null, new Actor(user.Id, "desk"), default)).Result.Status.ShouldBe(LedgerStatus.Done);
        }

        var refused = await desk.SubmitAsync(page, new Dictionary<string, string> { ["CashTendered"] = "60" }, $"{url}/cash");
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Summary.ShouldContain("is closed: taking a payment is no longer possible");
        (await desk.GetAsync(url)).Text.ShouldContain("Today is closed");
    }

    private async Task<List<InvoiceLine>> LinesAsync(string url)
    {
        var id = Guid.Parse(url.Split('/')[^1]);
        await using var db = Database.CreateContext();
        return await db.InvoiceLines.AsNoTracking().Where(l => l.InvoiceId == id).ToListAsync();
    }
}
