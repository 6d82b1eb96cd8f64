using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MicroSpa.Web.Tests.Checkout.CheckoutFlows;

namespace MicroSpa.Web.Tests.Checkout;

/// <summary>Money going back through the pages: refunds to the paying tender (with the product back in stock), voids, who may refund.</summary>
public sealed class RefundTests(WebAppFixture fixture) : WebTest(fixture)
{
    private Task<WebSession> SignedInStaffAsync(string role) => AccountFlows.SignedInStaffAsync(App, NewSession, role);

    /// <summary>A walk-in buying two serums (54.42 with the retail tax), paid 20.00 cash and 34.42 by card.</summary>
    private async Task<(WebSession Desk, string Url, RetailItem Serum)> PaidWalkInAsync()
    {
        var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var serum = await TaxesAndSerumAsync(Database);
        var url = (await desk.SubmitAsync("/checkout", new Dictionary<string, string>(), "/checkout/walk-in")).Location!;
        await OnInvoiceAsync(desk, url, "retail", new() { ["RetailItemId"] = serum.Id.ToString(), ["Quantity"] = "2" });
        await OnInvoiceAsync(desk, url, "issue", []);
        await OnInvoiceAsync(desk, url, "cash", new() { ["CashTendered"] = "20" });
        var paid = await OnInvoiceAsync(desk, url, "card", new() { ["CardAmount"] = "34.42", ["CardBrand"] = "Visa", ["CardLastFour"] = "4242", ["ApprovalCode"] = "OK1" });
        Text(paid, "invoice-state").ShouldContain("Paid");
        return (desk, url, serum);
    }

    private static Guid IdOf(string url) => Guid.Parse(url.Split('/')[^1]);

    private async Task<(Guid Cash, Guid Card, Guid Line)> IdsAsync(string url)
    {
        await using var db = Database.CreateContext();
        var id = IdOf(url);
        var payments = await db.LedgerEntries.Where(e => e.InvoiceId == id && e.Kind == EntryKind.Payment).ToListAsync();
        return (payments.Single(p => p.Tender == Tender.Cash).Id, payments.Single(p => p.Tender == Tender.Card).Id,
            await db.InvoiceLines.Where(l => l.InvoiceId == id).Select(l => l.Id).SingleAsync());
    }

    private async Task<int> OnHandAsync(Guid serumId)
    {
        await using var db = Database.CreateContext();
        return await db.StockEntries.Where(s => s.RetailItemId == serumId).SumAsync(s => s.QuantityChange);
    }

    [Fact]
    public async Task The_desk_cannot_refund_until_the_Admin_grants_it_then_a_partial_refund_goes_to_the_card_and_a_serum_back_on_the_shelf()
    {
        var (desk, url, serum) = await PaidWalkInAsync();
        var (_, card, line) = await IdsAsync(url);
        var page = await desk.GetAsync(url);
        page.Document.QuerySelectorAll("form.refund-form").ShouldBeEmpty("refunds are the Admin's by default");
        var crafted = await desk.PostAsync(page, $"{url}/refund", new Dictionary<string, string>
        {
            ["PaymentId"] = card.ToString(), ["RefundAmount"] = "27.21", ["RefundReason"] = "Returned", ["SubmissionId"] = Guid.NewGuid().ToString(),
        });
        crafted.Status.ShouldBe(HttpStatusCode.Redirect);
        crafted.Location!.ShouldContain("/account/access-denied");

        using (var admin = await SignedInStaffAsync(Roles.Admin))
        {
            var granted = await admin.SubmitAsync("/checkout", new Dictionary<string, string> { ["FrontDeskMayRefund"] = "true" }, "/checkout/refund-permission");
            granted.Status.ShouldBe(HttpStatusCode.Redirect);
        }

        page = await desk.GetAsync(url);
        var cardForm = page.Document.QuerySelectorAll("form.refund-form").Single(f => f.TextContent.Contains("Visa card ending 4242", StringComparison.Ordinal));
        cardForm.QuerySelector("input[name=RefundAmount]")!.GetAttribute("value").ShouldBe("34.42");
        var fields = new Dictionary<string, string>
        {
            ["PaymentId"] = card.ToString(), ["RefundAmount"] = "34.43", ["RefundReason"] = "One serum returned unopened",
            ["RefundLineId"] = line.ToString(), ["ReturnToStock"] = "1", ["SubmissionId"] = Guid.NewGuid().ToString(),
        };
        var above = await desk.PostAsync(page, $"{url}/refund", fields);
        above.Status.ShouldBe(HttpStatusCode.OK);
        above.Summary.ShouldContain("At most 34.42 USD can go back to this card payment.");
        var forms = above.Document.QuerySelectorAll("form.refund-form");
        var refused = forms.Single(f => f.TextContent.Contains("Visa card ending 4242", StringComparison.Ordinal));
        var other = forms.Single(f => f.TextContent.Contains("cash payment", StringComparison.Ordinal));
        refused.QuerySelector("input[name=RefundAmount]")!.GetAttribute("value").ShouldBe("34.43", "the desk sees what it typed, where it typed it");
        refused.QuerySelector("input[name=RefundReason]")!.GetAttribute("value").ShouldBe("One serum returned unopened");
        other.QuerySelector("input[name=RefundAmount]")!.GetAttribute("value").ShouldBe("20.00", "the cash payment's form is not the one refused");
        other.QuerySelector("input[name=RefundReason]")!.GetAttribute("value").ShouldBeNullOrEmpty();
        other.QuerySelectorAll(".field-message").Select(m => m.TextContent.Trim()).ShouldAllBe(m => m.Length == 0);
        (await OnHandAsync(serum.Id)).ShouldBe(8, "nothing half-saved: no stock back for a refused refund");

        fields["RefundAmount"] = "27.21";
        (await desk.PostAsync(page, $"{url}/refund", fields)).Status.ShouldBe(HttpStatusCode.Redirect);
        (await desk.PostAsync(page, $"{url}/refund", fields)).Status.ShouldBe(HttpStatusCode.Redirect, "the same refund form posted twice");
        fields["SubmissionId"] = Guid.NewGuid().ToString();
        fields["RefundAmount"] = "1.00";
        fields["ReturnToStock"] = "2";
        (await desk.PostAsync(page, $"{url}/refund", fields)).Summary.ShouldContain("At most 1 of Hyaluronic serum can go back in stock.");

        page = await desk.GetAsync(url);
        Text(page, "invoice-total").ShouldBe("$27.21");
        Text(page, "invoice-refunded").ShouldBe("$27.21");
        Text(page, "invoice-due").ShouldBe("$0.00");
        Text(page, "invoice-refunds").ShouldContain("Refund to Card");
        (await OnHandAsync(serum.Id)).ShouldBe(9);

        await using var db = Database.CreateContext();
        var id = IdOf(url);
        var refund = await db.LedgerEntries.SingleAsync(e => e.InvoiceId == id && e.Kind == EntryKind.Refund);
        (refund.Tender, refund.RefundOfId, refund.Amount).ShouldBe((Tender.Card, card, 27.21m));
        var audit = await db.AuditEntries.Where(a => a.Action == "money.refund").ToListAsync();
        audit.Count.ShouldBe(2, "a credit and a refund");
        audit.ShouldAllBe(a => a.ClientId == null && a.Detail!.Contains("27.21 USD"));
    }

    [Fact]
    public async Task A_same_day_paid_invoice_is_voided_by_whoever_may_refund_with_a_reason_its_tenders_refunded_and_the_days_entries_equal_payments_minus_refunds()
    {
        var (desk, url, serum) = await PaidWalkInAsync();
        var page = await desk.GetAsync(url);
        page.Document.QuerySelector($"form[action='{url}/void']").ShouldBeNull("voiding a paid invoice gives money back: a refund, the Admin's by default");
        page.Document.GetElementById("void-needs-refund").ShouldNotBeNull();
        var crafted = await desk.PostAsync(page, $"{url}/void", new Dictionary<string, string> { ["VoidReason"] = "Rang up the wrong client" });
        crafted.Summary.ShouldContain("Voiding this invoice gives its payments back, which is a refund");
        (await OnHandAsync(serum.Id)).ShouldBe(8, "nothing voided, nothing back in stock");

        using var admin = await SignedInStaffAsync(Roles.Admin);
        var noReason = await OnInvoiceAsync(admin, url, "void", new() { ["VoidReason"] = "" });
        noReason.FieldMessage("VoidReason").ShouldBe("Say why the invoice is voided.");

        var voided = await OnInvoiceAsync(admin, url, "void", new() { ["VoidReason"] = "Rang up the wrong client" });
        Text(voided, "invoice-state").ShouldContain("Voided");
        Text(voided, "invoice-due").ShouldBe("$0.00");
        (await OnHandAsync(serum.Id)).ShouldBe(10);

        await using var db = Database.CreateContext();
        var day = TestClinic.Zone.Today(DateTimeOffset.UtcNow);
        var dayFlow = await db.Database.SqlQuery<decimal>($"""
            SELECT coalesce(sum(CASE kind WHEN 'Payment' THEN amount WHEN 'Refund' THEN -amount ELSE 0 END), 0) AS "Value"
            FROM ledger_entries WHERE clinic_day = {day}
            """).SingleAsync();
        var payments = await db.LedgerEntries.Where(e => e.ClinicDay == day && e.Kind == EntryKind.Payment).SumAsync(e => e.Amount);
        var refunds = await db.LedgerEntries.Where(e => e.ClinicDay == day && e.Kind == EntryKind.Refund).SumAsync(e => e.Amount);
        (payments, refunds).ShouldBe((54.42m, 54.42m));
        dayFlow.ShouldBe(payments - refunds);
    }

    [Fact]
    public async Task The_desk_voids_an_issued_invoice_nothing_was_paid_on_and_the_product_is_back_on_the_shelf()
    {
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var serum = await TaxesAndSerumAsync(Database);
        var url = (await desk.SubmitAsync("/checkout", new Dictionary<string, string>(), "/checkout/walk-in")).Location!;
        await OnInvoiceAsync(desk, url, "retail", new() { ["RetailItemId"] = serum.Id.ToString(), ["Quantity"] = "2" });
        var issued = await OnInvoiceAsync(desk, url, "issue", []);
        issued.Document.QuerySelector($"form[action='{url}/void']").ShouldNotBeNull("nothing paid: nothing goes back, the desk may void");
        (await OnHandAsync(serum.Id)).ShouldBe(8);

        var voided = await OnInvoiceAsync(desk, url, "void", new() { ["VoidReason"] = "Client changed their mind" });

        Text(voided, "invoice-state").ShouldContain("Voided");
        (await OnHandAsync(serum.Id)).ShouldBe(10);
    }
}
