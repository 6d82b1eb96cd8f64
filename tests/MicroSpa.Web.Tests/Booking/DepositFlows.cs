using System.Net;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Clients;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Booking;

/// <summary>The deposit step as a client's browser takes it: the confirm page, Stripe's hosted page (the stand-in's), and back.</summary>
internal static class DepositFlows
{
    public const string GoodCard = "4242 4242 4242 4242";
    public const string DeclinedCard = "4000 0000 0000 0002";

    public static async Task SetDepositAsync(TestDatabase database, Guid serviceId, decimal amount)
    {
        await using var db = database.CreateContext();
        var service = await db.Services.SingleAsync(s => s.Id == serviceId);
        service.SetDeposit(Charge.Create(ChargeKind.Fixed, amount, "Deposit"));
        await db.SaveChangesAsync();
    }

    /// <summary>Screening, consent, the confirm page accepted: the browser is sent to the hosted page (its address).</summary>
    public static async Task<(Guid DraftId, string PaymentPage)> HoldAsync(WebSession session, Client client, TestClinic clinic, DateTimeOffset start)
    {
        var draftId = await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], start);
        var confirm = await session.GetAsync($"/book/{draftId}/confirm");
        var accepted = await session.SubmitAsync(confirm, new Dictionary<string, string>(), $"/book/{draftId}/confirm");
        accepted.Status.ShouldBe(HttpStatusCode.Redirect);
        return (draftId, accepted.Location!);
    }

    /// <summary>Types a card on the hosted page and presses Pay: the address it sends the browser back to (MicroSpa's success address), or null when it stayed (declined).</summary>
    public static async Task<(string? Back, string Html)> PayAsync(string paymentPage, string card = GoodCard)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var answer = await browser.PostAsync(paymentPage, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["number"] = card, ["expiry"] = "12 / 34", ["cvc"] = "123",
        }));
        var html = await answer.Content.ReadAsStringAsync();
        return (answer.StatusCode == HttpStatusCode.Redirect ? answer.Headers.Location!.ToString() : null, html);
    }

    /// <summary>The path and query of one of MicroSpa's own absolute links (Clinic:PublicUrl is http://localhost in tests).</summary>
    public static string Local(string absolute)
    {
        var uri = new Uri(absolute);
        uri.Host.ShouldBe("localhost");
        return uri.PathAndQuery;
    }

    public static string SessionIdOf(string paymentPage) => paymentPage[(paymentPage.LastIndexOf('/') + 1)..];

    /// <summary>Waits for the stand-in's webhook of <paramref name="type"/> about <paramref name="objectId"/> to have reached the app (and been answered).</summary>
    public static async Task DeliveredAsync(StripeGateway stripe, string type, string objectId)
    {
        for (var waited = 0; waited < 300 && !Arrived(); waited++)
        {
            await Task.Delay(100);
        }

        Arrived().ShouldBeTrue($"{type} for {objectId} was delivered");

        bool Arrived() => stripe.Delivered.Any(d => d.Body.Contains($"\"{type}\"", StringComparison.Ordinal) && d.Body.Contains(objectId, StringComparison.Ordinal) && d.Status == 200);
    }
}
