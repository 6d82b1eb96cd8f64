using System.Net;
using MicroSpa.Domain.Billing;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Checkout;

/// <summary>What the checkout tests set up and do as the desk would, through the pages.</summary>
internal static class CheckoutFlows
{
    /// <summary>Retail taxed at 8.875 %, services at 6.25 %; a serum at 24.99 with 10 on the shelf.</summary>
    public static async Task<RetailItem> TaxesAndSerumAsync(TestDatabase database, Guid byUserId = default)
    {
        await using var db = database.CreateContext();
        (await db.TaxClasses.SingleAsync(t => t.Kind == TaxKind.Retail)).SetRate(8.875m);
        (await db.TaxClasses.SingleAsync(t => t.Kind == TaxKind.Services)).SetRate(6.25m);
        var serum = new RetailItem("HA-SERUM", "Hyaluronic serum", 24.99m);
        db.RetailItems.Add(serum);
        var user = byUserId == default ? await db.Users.Select(u => u.Id).FirstAsync() : byUserId;
        db.StockEntries.Add(StockEntry.Received(serum, 10, user, "Delivery", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return serum;
    }

    /// <summary>Checks in, starts and completes a visit of today through the appointment card.</summary>
    public static async Task CompleteAsync(WebSession desk, Guid appointmentId)
    {
        var url = $"/front-desk/appointments/{appointmentId}";
        foreach (var action in new[] { "check-in", "start", "complete" })
        {
            var card = await desk.GetAsync(url);
            var form = card.Document.QuerySelectorAll("form").First(f =>
                f.GetAttribute("action") == $"{url}/status" && f.QuerySelector("input[name=Action]")?.GetAttribute("value") == action);
            var version = form.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
            (await desk.PostAsync(card, $"{url}/status", new Dictionary<string, string> { ["Action"] = action, ["Version"] = version }))
                .Status.ShouldBe(HttpStatusCode.Redirect, action);
        }
    }

    /// <summary>Presses "Check out" on the appointment card; answers the invoice page's address.</summary>
    public static async Task<string> CheckOutAsync(WebSession desk, Guid appointmentId)
    {
        var checkedOut = await desk.SubmitAsync($"/front-desk/appointments/{appointmentId}", new Dictionary<string, string>(), $"/front-desk/appointments/{appointmentId}/checkout");
        checkedOut.Status.ShouldBe(HttpStatusCode.Redirect);
        return checkedOut.Location!;
    }

    /// <summary>Submits one of the invoice page's forms (by its action's last segment) and answers the page after.</summary>
    public static async Task<Page> OnInvoiceAsync(WebSession desk, string invoiceUrl, string action, Dictionary<string, string> fields)
    {
        var page = await desk.SubmitAsync(invoiceUrl, fields, $"{invoiceUrl}/{action}");
        return page.Status == HttpStatusCode.Redirect ? await desk.FollowAsync(page) : page;
    }

    /// <summary>Posts fields that repeat (checkboxes) with the page's antiforgery token, as a browser sends a form.</summary>
    public static async Task<Page> PostPairsAsync(WebSession desk, string invoiceUrl, string action, IEnumerable<(string Name, string Value)> pairs)
    {
        var page = await desk.GetAsync(invoiceUrl);
        var token = page.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{invoiceUrl}/{action}")
        {
            Content = new FormUrlEncodedContent(pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)).Append(new("__RequestVerificationToken", token))),
        };
        request.Headers.Accept.ParseAdd("text/html");
        return await Page.ReadAsync(await desk.Client.SendAsync(request));
    }

    public static string Text(Page page, string id) => page.Document.GetElementById(id)?.TextContent.Trim() ?? string.Empty;
}
