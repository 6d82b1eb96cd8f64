using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using static MicroSpa.Web.Tests.Checkout.CheckoutFlows;

namespace MicroSpa.Web.Tests.Checkout;

/// <summary>The receipt of an issued invoice at the desk: the printable page and the PDF, read back as a person reads them.</summary>
public sealed class ReceiptTests(WebAppFixture fixture) : WebTest(fixture)
{
    /// <summary>
    /// The test clinic's client's visit (350) with a serum (24.99) and a tip of 10.01 split between two providers,
    /// issued at 409.10 (taxes 21.88 and 2.22), paid 100 in cash (120 handed over) and 309.10 by Visa.
    /// </summary>
    internal static async Task<(TestClinic Clinic, WebSession Desk, string Url, long Number)> PaidVisitAsync(TestDatabase database, WebSession desk)
    {
        var clinic = await TestClinic.CreateAsync(database);
        var appointment = await clinic.BookAsync(database, TestClinic.SoonToday());
        await TestClinic.GiveIntakeAsync(database, appointment.Id);
        var serum = await TaxesAndSerumAsync(database);
        await CompleteAsync(desk, appointment.Id);
        var url = await CheckOutAsync(desk, appointment.Id);
        await OnInvoiceAsync(desk, url, "retail", new() { ["RetailItemId"] = serum.Id.ToString(), ["Quantity"] = "1" });
        (await PostPairsAsync(desk, url, "tip", [("Tip", "10.01"), ("TipProviders", clinic.Esthetician.Id.ToString()), ("TipProviders", clinic.OtherEsthetician.Id.ToString())]))
            .Status.ShouldBe(HttpStatusCode.Redirect);
        Text(await OnInvoiceAsync(desk, url, "issue", []), "invoice-due").ShouldBe("$409.10");
        await OnInvoiceAsync(desk, url, "cash", new() { ["CashTendered"] = "100" });
        var paid = await OnInvoiceAsync(desk, url, "card", new() { ["CardAmount"] = "309.10", ["CardBrand"] = "Visa", ["CardLastFour"] = "4242", ["ApprovalCode"] = "A1B2" });
        Text(paid, "invoice-state").ShouldContain("Paid");
        await using var db = database.CreateContext();
        var id = Guid.Parse(url.Split('/')[^1]);
        return (clinic, desk, url, await db.Invoices.Where(i => i.Id == id).Select(i => i.Number).SingleAsync());
    }

    /// <summary>The text of every page of a PDF, line by line, as a PDF reader other than the writer extracts it.</summary>
    internal static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)));
    }

    [Fact]
    public async Task The_desk_prints_the_receipt_of_a_paid_visit_with_its_lines_taxes_split_tip_and_both_tenders()
    {
        var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var (_, _, url, number) = await PaidVisitAsync(Database, desk);

        var invoice = await desk.GetAsync(url);
        invoice.Document.QuerySelector("#receipt-actions a")!.GetAttribute("href").ShouldBe($"{url}/receipt");
        var receipt = await desk.GetAsync($"{url}/receipt");
        receipt.Status.ShouldBe(HttpStatusCode.OK);
        receipt.Document.QuerySelector("h1")!.TextContent.ShouldBe($"Receipt · Invoice {number}");
        Text(receipt, "receipt-lines").ShouldContain("Microneedling — face · Cheeks");
        Text(receipt, "receipt-lines").ShouldContain("Hyaluronic serum");
        Text(receipt, "receipt-lines").ShouldContain("Tip for Maya Lopez");
        Text(receipt, "receipt-lines").ShouldContain("$5.01");
        Text(receipt, "receipt-lines").ShouldContain("Tip for Sofia Chen");
        Text(receipt, "receipt-totals").ShouldContain("Services tax 6.25 %$21.88");
        Text(receipt, "receipt-totals").ShouldContain("Retail tax 8.875 %$2.22");
        Text(receipt, "receipt-total").ShouldBe("$409.10");
        Text(receipt, "receipt-due").ShouldBe("$0.00");
        Text(receipt, "receipt-payments").ShouldContain("Cash · $100.00");
        Text(receipt, "receipt-payments").ShouldContain("Visa ending 4242 · $309.10");
        receipt.Document.QuerySelector("[data-print]").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_receipt_PDF_opens_and_reads_with_the_invoice_number_the_total_and_the_card()
    {
        var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var (_, _, url, number) = await PaidVisitAsync(Database, desk);

        using var response = await desk.Client.GetAsync($"{url}/receipt/pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"receipt-{number}.pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();

        using (var opened = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(pdf), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import))
        {
            opened.PageCount.ShouldBe(1);
            opened.Info.Title.ShouldBe($"Receipt {number}");
        }

        var text = PdfText(pdf);
        text.ShouldContain($"Receipt · Invoice {number}");
        text.ShouldContain("Client: Test Client");
        text.ShouldContain("Tip for Sofia Chen");
        text.ShouldContain("Total $409.10");
        text.ShouldContain("Still due $0.00");
        text.ShouldContain("Visa ending 4242 · $309.10");
        text.ShouldContain("Cash · $100.00");
    }

    [Fact]
    public async Task A_draft_has_no_receipt_yet_and_a_clinician_sees_none()
    {
        var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var url = (await desk.SubmitAsync("/checkout", new Dictionary<string, string>(), "/checkout/walk-in")).Location!;
        (await desk.GetAsync($"{url}/receipt")).Status.ShouldBe(HttpStatusCode.NotFound);
        using var pdf = await desk.Client.GetAsync($"{url}/receipt/pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await desk.GetAsync(url)).Document.QuerySelector("#receipt-actions").ShouldBeNull();

        var esthetician = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Esthetician);
        (await esthetician.GetAsync($"{url}/receipt")).Location!.ShouldContain("/account/access-denied");
    }
}
