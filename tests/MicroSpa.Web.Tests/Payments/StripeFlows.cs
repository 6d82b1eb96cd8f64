using System.Net;
using MicroSpa.Domain.Payments;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Infrastructure;
using Stripe;

namespace MicroSpa.Web.Tests.Payments;

/// <summary>What a client does at Stripe (the stand-in's hosted page) and what a bank already holds, for the tests to compose.</summary>
internal static class StripeFlows
{
    /// <summary>Types a card on the stand-in's hosted page at <paramref name="pageUrl"/>; the address it sends the browser back to.</summary>
    public static async Task<string> PayOnHostedPageAsync(string pageUrl, string number, string expiry)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var answer = await http.PostAsync(pageUrl, new FormUrlEncodedContent(new Dictionary<string, string> { ["number"] = number, ["expiry"] = expiry, ["cvc"] = "123" }));
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        return answer.Headers.Location!.OriginalString;
    }

    /// <summary>The path and query of an absolute link to the app (Clinic:PublicUrl is http://localhost in the tests).</summary>
    public static string AppPath(string url) => new Uri(url).PathAndQuery;

    /// <summary>Saves a card through /my/cards: Add a card, the hosted page, back to the app. The page the client lands on.</summary>
    public static async Task<Page> SaveCardAsync(WebSession session, string number = "4242 4242 4242 4242", string expiry = "12 / 34")
    {
        var opened = await session.SubmitAsync("/my/cards", new Dictionary<string, string>(), "/my/cards/add");
        opened.Status.ShouldBe(HttpStatusCode.Redirect);
        opened.Location!.ShouldContain("/pay/cs_");
        var back = await PayOnHostedPageAsync(opened.Location!, number, expiry);
        var landed = await session.GetAsync(AppPath(back));
        landed.Status.ShouldBe(HttpStatusCode.Redirect);
        return await session.FollowAsync(landed);
    }

    /// <summary>A customer at Stripe for the client, kept as MicroSpa keeps it, with a test card attached (pm_card_visa by default).</summary>
    public static async Task<(string Customer, string PaymentMethod)> CustomerWithCardAsync(StripeGateway stripe, TestDatabase database, Guid clientId, string token = "pm_card_visa")
    {
        var client = stripe.Client();
        var customer = await new CustomerService(client).CreateAsync(new CustomerCreateOptions { Email = "someone@example.com" });
        await using (var db = database.CreateContext())
        {
            db.PaymentCustomers.Add(new PaymentCustomer(clientId, customer.Id, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var method = await new PaymentMethodService(client).AttachAsync(token, new PaymentMethodAttachOptions { Customer = customer.Id });
        return (customer.Id, method.Id);
    }

    /// <summary>Saves a card for <paramref name="customer"/> as a client would on a setup-mode hosted page, with the expiry typed ("01 / 27").</summary>
    public static async Task<string> SaveCardAtStripeAsync(StripeGateway stripe, string customer, string number, string expiry)
    {
        var client = stripe.Client();
        var session = await new Stripe.Checkout.SessionService(client).CreateAsync(new Stripe.Checkout.SessionCreateOptions
        {
            Mode = "setup", Customer = customer, Currency = "usd", SuccessUrl = "http://localhost/done?session_id={CHECKOUT_SESSION_ID}",
        });
        await PayOnHostedPageAsync(session.Url, number, expiry);
        var setup = (await new Stripe.Checkout.SessionService(client).GetAsync(session.Id, new Stripe.Checkout.SessionGetOptions { Expand = ["setup_intent"] })).SetupIntent;
        return setup.PaymentMethodId;
    }
}
