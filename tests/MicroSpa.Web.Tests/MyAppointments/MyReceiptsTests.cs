using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Checkout;
using MicroSpa.Web.Tests.Infrastructure;
using static MicroSpa.Web.Tests.Checkout.CheckoutFlows;

namespace MicroSpa.Web.Tests.MyAppointments;

/// <summary>The client finds every receipt of theirs under My appointments: the list, each receipt, its PDF; nobody else's.</summary>
public sealed class MyReceiptsTests(WebAppFixture fixture) : WebTest(fixture)
{
    /// <summary>The desk sells serums to a client at the desk (24.99 each, retail taxed 8.875 %), paid in cash unless left a draft.</summary>
    private static async Task<string> SaleAsync(WebSession desk, Guid clientId, Guid serumId, int quantity, bool issue = true)
    {
        var url = (await desk.SubmitAsync("/checkout", new Dictionary<string, string> { ["ClientId"] = clientId.ToString() }, "/checkout/walk-in")).Location!;
        await OnInvoiceAsync(desk, url, "retail", new() { ["RetailItemId"] = serumId.ToString(), ["Quantity"] = quantity.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (issue)
        {
            await OnInvoiceAsync(desk, url, "issue", []);
            await OnInvoiceAsync(desk, url, "cash", new() { ["CashTendered"] = "100" });
        }

        return url;
    }

    private static Guid IdOf(string url) => Guid.Parse(url.Split('/')[^1]);

    [Fact]
    public async Task The_client_lists_their_issued_receipts_newest_first_reads_one_and_downloads_its_PDF()
    {
        var (client, me) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var serum = await TaxesAndSerumAsync(Database);
        var first = await SaleAsync(desk, me.Id, serum.Id, 1);
        var second = await SaleAsync(desk, me.Id, serum.Id, 2);
        var draft = await SaleAsync(desk, me.Id, serum.Id, 1, issue: false);

        var index = await client.GetAsync("/my/appointments");
        index.Document.QuerySelector("a[href='/my/appointments/receipts']").ShouldNotBeNull();
        var list = await client.GetAsync("/my/appointments/receipts");
        list.Status.ShouldBe(HttpStatusCode.OK);
        var items = list.Document.QuerySelectorAll("li.my-receipt").Select(li => li.TextContent).ToList();
        items.Count.ShouldBe(2, "the draft is not listed");
        items[0].ShouldContain("Total $54.42", customMessage: "the newest first: two serums 49.98 + 4.44 tax");
        items[1].ShouldContain("Total $27.21");
        list.Html.ShouldNotContain(IdOf(draft).ToString());

        var receipt = await client.GetAsync($"/my/appointments/receipts/{IdOf(second)}");
        receipt.Status.ShouldBe(HttpStatusCode.OK);
        Text(receipt, "receipt-total").ShouldBe("$54.42");
        Text(receipt, "receipt-payments").ShouldContain("(handed over $100.00, change $45.58)");
        receipt.Document.QuerySelector("meta[name=viewport]").ShouldNotBeNull();

        using var pdf = await client.Client.GetAsync($"/my/appointments/receipts/{IdOf(first)}/pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = ReceiptTests.PdfText(await pdf.Content.ReadAsByteArrayAsync());
        text.ShouldContain("Total $27.21");
        text.ShouldContain("Client: Olivia Bennett");

        (await client.GetAsync($"/my/appointments/receipts/{IdOf(draft)}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_clients_receipt_is_not_found_not_forbidden_and_a_client_without_receipts_sees_none()
    {
        var (_, owner) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var (other, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Noah", "Kim");
        var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var serum = await TaxesAndSerumAsync(Database);
        var sale = IdOf(await SaleAsync(desk, owner.Id, serum.Id, 1));

        (await other.GetAsync($"/my/appointments/receipts/{sale}")).Status.ShouldBe(HttpStatusCode.NotFound);
        using (var pdf = await other.Client.GetAsync($"/my/appointments/receipts/{sale}/pdf"))
        {
            pdf.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        (await other.GetAsync($"/my/appointments/receipts/{Guid.NewGuid()}")).Status.ShouldBe(HttpStatusCode.NotFound);
        var list = await other.GetAsync("/my/appointments/receipts");
        list.Document.QuerySelectorAll("li.my-receipt").ShouldBeEmpty();
        list.Text.ShouldContain("No receipts yet");
    }
}
