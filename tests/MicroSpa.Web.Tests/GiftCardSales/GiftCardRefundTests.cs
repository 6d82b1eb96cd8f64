using System.Net;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Wallet;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Infrastructure;
using MicroSpa.Web.Tests.Payments;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace MicroSpa.Web.Tests.GiftCardSales;

/// <summary>
/// A gift card bought online and refunded in Stripe's dashboard (review s6, decision 064): the payment is kept as the provider's
/// fact (online_payments), so charge.refunded puts the refund on the sale's invoice and takes it off the card, once however often
/// it is delivered; a refund made before the payment's own webhook got through is recorded with the sale.
/// </summary>
public sealed class GiftCardRefundTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static DateOnly Today => TestClinic.Zone.Today(DateTimeOffset.UtcNow);

    private async Task<string> OpenPageAsync()
    {
        using var visitor = NewSession();
        var form = await visitor.GetAsync("/gift-cards/buy");
        var opened = await visitor.SubmitAsync(form, GiftCardShopTests.Order(Today.AddDays(3)), "/gift-cards/buy");
        opened.Status.ShouldBe(HttpStatusCode.Redirect, opened.Summary);
        return opened.Location!;
    }

    private async Task<T> WaitForAsync<T>(Func<Data.MicroSpaDbContext, Task<T?>> read, string what)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await using var db = Database.CreateContext();
            if (await read(db) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new ShouldAssertException($"Waited for {what}; delivered: {string.Join(", ", Stripe.Delivered.Select(d => d.Status))}");
    }

    private async Task<decimal> LeftOnCardAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Database.SqlQuery<decimal>($"""
            SELECT sum(CASE WHEN kind IN ('Issued', 'Returned') THEN amount ELSE -amount END) AS "Value" FROM gift_card_entries
            """).SingleAsync();
    }

    private async Task<int> RefundEventsAnsweredAsync(string intent, int count)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var answered = Stripe.Delivered.Count(d => d.Status == 200 && d.Body.Contains("\"charge.refunded\"", StringComparison.Ordinal) && d.Body.Contains(intent, StringComparison.Ordinal));
            if (answered >= count)
            {
                return answered;
            }

            await Task.Delay(100);
        }

        throw new ShouldAssertException($"charge.refunded of {intent} was not answered {count} times");
    }

    [Fact]
    public async Task A_refund_made_in_Stripes_dashboard_goes_on_the_sale_and_comes_off_the_card_once_however_often_it_is_delivered()
    {
        await StripeFlows.PayOnHostedPageAsync(await OpenPageAsync(), "4242 4242 4242 4242", "12 / 34");
        var card = await WaitForAsync(db => db.GiftCards.SingleOrDefaultAsync(), "the card");
        Guid invoiceId;
        string intent;
        await using (var db = Database.CreateContext())
        {
            var paid = await db.OnlinePayments.SingleAsync();
            (paid.Purpose, paid.ClientId, paid.Amount, paid.InvoiceId).ShouldBe((OnlinePurpose.GiftCard, (Guid?)null, 120m, (Guid?)card.SaleInvoiceId));
            (invoiceId, intent) = (card.SaleInvoiceId, paid.PaymentIntentId);
        }

        var first = await new RefundService(Stripe.Client()).CreateAsync(new RefundCreateOptions { PaymentIntent = intent, Amount = 5000 });
        await RefundEventsAnsweredAsync(intent, 1);
        (await LeftOnCardAsync()).ShouldBe(70m, "120 issued, 50 refunded at Stripe");

        var eventId = await WaitForAsync(db => db.PaymentEvents.Where(e => e.Type == "charge.refunded").Select(e => e.Id).FirstOrDefaultAsync(), "the refund's event");
        await Stripe.ControlAsync($"events/{eventId}/resend");
        await RefundEventsAnsweredAsync(intent, 2);
        await new RefundService(Stripe.Client()).CreateAsync(new RefundCreateOptions { PaymentIntent = intent, Amount = 7000 });
        await RefundEventsAnsweredAsync(intent, 3);

        (await LeftOnCardAsync()).ShouldBe(0m, "all of it refunded: nothing left to spend");
        await using (var db = Database.CreateContext())
        {
            (await db.OnlineRefunds.OrderBy(r => r.Amount).Select(r => r.Amount).ToListAsync()).ShouldBe([50m, 70m]);
            (await db.OnlineRefunds.AnyAsync(r => r.Id == first.Id)).ShouldBeTrue();
            var invoice = await db.Invoices.Include(i => i.Entries).SingleAsync(i => i.Id == invoiceId);
            invoice.Entries.Where(e => e.Kind == EntryKind.Refund).Select(e => e.Amount).Order().ShouldBe([50m, 70m]);
            (await db.GiftCardEntries.Where(e => e.Kind == GiftCardEntryKind.Refunded).Select(e => e.Amount).OrderBy(a => a).ToListAsync()).ShouldBe([50m, 70m]);
        }
    }

    [Fact]
    public async Task A_refund_made_before_the_payments_webhook_got_through_is_recorded_with_the_sale()
    {
        var page = await OpenPageAsync();
        await Stripe.ControlAsync("webhooks/hold");
        try
        {
            await StripeFlows.PayOnHostedPageAsync(page, "4242 4242 4242 4242", "12 / 34");
            string sessionId;
            await using (var db = Database.CreateContext())
            {
                sessionId = await db.GiftCardOrders.Select(o => o.CheckoutSessionId!).SingleAsync();
            }

            var session = await new Stripe.Checkout.SessionService(Stripe.Client()).GetAsync(sessionId);
            await new RefundService(Stripe.Client()).CreateAsync(new RefundCreateOptions { PaymentIntent = session.PaymentIntentId, Amount = 12000 });
        }
        finally
        {
            await Stripe.ControlAsync("webhooks/release");
        }

        await WaitForAsync(db => db.GiftCards.SingleOrDefaultAsync(), "the card");
        await WaitForAsync(db => db.OnlineRefunds.SingleOrDefaultAsync(), "the refund");

        (await LeftOnCardAsync()).ShouldBe(0m, "refunded in full before MicroSpa heard of the payment: nothing to spend");
        await using var check = Database.CreateContext();
        (await check.LedgerEntries.Where(e => e.Kind == EntryKind.Refund).SumAsync(e => e.Amount)).ShouldBe(120m);
    }
}
