using System.Net;
using MicroSpa.Domain.Wallet;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.GiftCardSales;
using MicroSpa.Web.Tests.Infrastructure;
using MicroSpa.Web.Tests.Payments;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stripe.Checkout;

namespace MicroSpa.Web.Tests.GiftCardSales;

/// <summary>
/// Gift card orders never paid (review s6, decision 064): a visitor's order keeps two people's names and addresses and a message;
/// a day later the round deletes it (once, on two instances), expiring its page at Stripe first so nobody pays for an order that
/// is gone, and leaves a paid order alone. Placing orders is limited per address.
/// </summary>
public sealed class GiftCardSweepTests(WebAppFixture fixture) : WebTest(fixture)
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static DateOnly Today => TestClinic.Zone.Today(DateTimeOffset.UtcNow);

    private WebApplicationFactory<Program> InstanceAt(DateTimeOffset now) =>
        App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedClock(now))));

    private static async Task<int> SweepAsync(WebApplicationFactory<Program> instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SweepUnpaidGiftCardOrders.Handler>().RunAsync(CancellationToken.None);
    }

    private async Task<int> SweepAtAsync(DateTimeOffset now)
    {
        await using var instance = InstanceAt(now);
        return await SweepAsync(instance);
    }

    private static Dictionary<string, string> UnpaidOrder() => new(GiftCardShopTests.Order(Today))
    {
        ["Command.BuyerName"] = "Cy Neverpaid",
        ["Command.BuyerEmail"] = "cy@example.com",
        ["Command.RecipientEmail"] = "dee@example.com",
    };

    [Fact]
    public async Task An_order_never_paid_is_deleted_a_day_later_once_across_two_instances_its_page_expired_at_Stripe_and_a_paid_order_stays()
    {
        using var visitor = NewSession();
        var form = await visitor.GetAsync("/gift-cards/buy");
        var paidPage = await visitor.SubmitAsync(form, GiftCardShopTests.Order(Today.AddDays(3)), "/gift-cards/buy");
        paidPage.Status.ShouldBe(HttpStatusCode.Redirect, paidPage.Summary);
        await StripeFlows.PayOnHostedPageAsync(paidPage.Location!, "4242 4242 4242 4242", "12 / 34");
        var unpaidPage = await visitor.SubmitAsync(form, UnpaidOrder(), "/gift-cards/buy");
        unpaidPage.Status.ShouldBe(HttpStatusCode.Redirect, unpaidPage.Summary);
        var placedAt = DateTimeOffset.UtcNow;

        string unpaidSession;
        await using (var db = Database.CreateContext())
        {
            // An order whose page Stripe never opened (Stripe did not answer): nothing to expire, deleted all the same.
            db.GiftCardOrders.Add(GiftCardOrder.Place(50m, "USD", "Eve Noanswer", "eve@example.com", "Fay", "fay@example.com", "hi", Today, Today, placedAt));
            await db.SaveChangesAsync();
            unpaidSession = await db.GiftCardOrders.Where(o => o.BuyerEmail == "cy@example.com").Select(o => o.CheckoutSessionId!).SingleAsync();
        }

        for (var attempt = 0; attempt < 300; attempt++)
        {
            await using var db = Database.CreateContext();
            if (await db.GiftCardOrders.AnyAsync(o => o.GiftCardId != null))
            {
                break;
            }

            await Task.Delay(100);
        }

        (await SweepAtAsync(placedAt.AddHours(23))).ShouldBe(0, "kept for a day");

        var later = placedAt.AddHours(25);
        await using (var one = InstanceAt(later))
        await using (var two = InstanceAt(later))
        {
            _ = one.Services;
            _ = two.Services;
            var swept = await Task.WhenAll(Task.Run(() => SweepAsync(one)), Task.Run(() => SweepAsync(two)));
            swept.Sum().ShouldBe(2, "the two unpaid orders, once");
        }

        (await SweepAtAsync(later.AddHours(1))).ShouldBe(0);
        await using (var db = Database.CreateContext())
        {
            var left = await db.GiftCardOrders.SingleAsync();
            (left.BuyerEmail, left.GiftCardId is not null).ShouldBe(("ana@example.com", true), "the paid order stays");
            var anywhere = await db.Database.SqlQuery<long>($"""
                SELECT count(*) AS "Value" FROM gift_card_orders
                WHERE buyer_email IN ('cy@example.com', 'eve@example.com') OR recipient_email IN ('dee@example.com', 'fay@example.com')
                """).SingleAsync();
            anywhere.ShouldBe(0L);
        }

        (await new SessionService(Stripe.Client()).GetAsync(unpaidSession)).Status.ShouldBe("expired", "nobody pays for an order that is gone");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var paying = await http.PostAsync(unpaidPage.Location!, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["number"] = "4242 4242 4242 4242", ["expiry"] = "12 / 34", ["cvc"] = "123",
        }));
        paying.StatusCode.ShouldBe(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task A_page_paid_whose_webhook_never_got_through_is_recorded_by_the_round_a_day_later_once()
    {
        using var visitor = NewSession();
        var form = await visitor.GetAsync("/gift-cards/buy");
        var page = await visitor.SubmitAsync(form, GiftCardShopTests.Order(Today), "/gift-cards/buy");
        page.Status.ShouldBe(HttpStatusCode.Redirect, page.Summary);
        var placedAt = DateTimeOffset.UtcNow;
        string sessionId;
        await Stripe.ControlAsync("webhooks/hold");
        try
        {
            await StripeFlows.PayOnHostedPageAsync(page.Location!, "4242 4242 4242 4242", "12 / 34");
            (await SweepAtAsync(placedAt.AddHours(25))).ShouldBe(0, "a paid order is not deleted");
            await using var db = Database.CreateContext();
            var order = await db.GiftCardOrders.SingleAsync();
            order.GiftCardId.ShouldNotBeNull("recorded from Stripe's answer by the round");
            order.SealedCode.ShouldNotBeNull();
            sessionId = order.CheckoutSessionId!;
        }
        finally
        {
            await Stripe.ControlAsync("webhooks/release");
        }

        for (var attempt = 0; attempt < 300 && !Stripe.Delivered.Any(d => d.Body.Contains(sessionId, StringComparison.Ordinal) && d.Body.Contains("checkout.session.completed", StringComparison.Ordinal)); attempt++)
        {
            await Task.Delay(100);
        }

        Stripe.Delivered.Where(d => d.Body.Contains(sessionId, StringComparison.Ordinal) && d.Body.Contains("checkout.session.completed", StringComparison.Ordinal))
            .Select(d => d.Status).ShouldBe([200], "the late webhook finds it recorded");
        await using var check = Database.CreateContext();
        (await check.GiftCards.CountAsync()).ShouldBe(1);
        (await check.LedgerEntries.CountAsync(e => e.Kind == Domain.Billing.EntryKind.Payment)).ShouldBe(1);
    }

    [Fact]
    public async Task Orders_placed_above_the_limit_from_one_address_are_answered_429_with_a_problem_body()
    {
        await using var limited = App.WithWebHostBuilder(b => b.UseSetting("RateLimits:GiftCardShopPerMinute", "3"));
        using var visitor = new WebSession(limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var form = await visitor.GetAsync("/gift-cards/buy");
        var fields = new Dictionary<string, string>(GiftCardShopTests.Order(Today)) { ["Command.Amount"] = "" };
        for (var i = 0; i < 3; i++)
        {
            (await visitor.SubmitAsync(form, fields, "/gift-cards/buy")).Status.ShouldBe(HttpStatusCode.OK);
        }

        var refused = await visitor.SubmitAsync(form, fields, "/gift-cards/buy");
        refused.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Text.ShouldContain("Too many requests");
        (await visitor.GetAsync("/gift-cards/buy")).Status.ShouldBe(HttpStatusCode.OK, "reading the form is not limited");
    }
}
