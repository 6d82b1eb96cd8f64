using System.Globalization;
using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.GiftCardSales;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using MicroSpa.Web.Tests.Payments;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.GiftCardSales;

/// <summary>
/// Gift cards bought online (issue 19, decision 048) through the pages, Stripe's stand-in and its signed webhooks on PostgreSQL: the
/// card is issued only when Stripe's signed webhook confirms the payment, once however often and wherever the event arrives; the
/// buyer gets the receipt; every field's bad input is refused on its field with nothing kept.
/// </summary>
public sealed class GiftCardShopTests(WebAppFixture fixture) : WebTest(fixture)
{
    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static Dictionary<string, string> Order(DateOnly sendOn, string amount = "120") => new()
    {
        ["Command.Amount"] = amount,
        ["Command.BuyerName"] = "Ana Buyer",
        ["Command.BuyerEmail"] = "ana@example.com",
        ["Command.RecipientName"] = "Bea <b>Friend</b>",
        ["Command.RecipientEmail"] = "bea@example.com",
        ["Command.Message"] = "Happy birthday <script>alert(1)</script> & more",
        ["Command.SendOn"] = Day(sendOn),
    };

    private static DateOnly Today => TestClinic.Zone.Today(DateTimeOffset.UtcNow);

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

    [Fact]
    public async Task A_visitor_buys_a_card_online_it_is_issued_only_when_the_signed_webhook_confirms_the_payment_once_however_often_and_wherever_it_arrives()
    {
        using var visitor = NewSession();
        var form = await visitor.GetAsync("/gift-cards/buy");
        form.Status.ShouldBe(HttpStatusCode.OK);
        form.Text.ShouldContain("Worth $5.00 to $5,000.00");
        var opened = await visitor.SubmitAsync(form, Order(Today.AddDays(3)), "/gift-cards/buy");
        opened.Status.ShouldBe(HttpStatusCode.Redirect, opened.Summary + opened.Text);
        opened.Location!.ShouldContain("/pay/cs_");

        Guid orderId;
        string sessionId;
        await using (var db = Database.CreateContext())
        {
            var order = await db.GiftCardOrders.SingleAsync();
            (order.Amount, order.RecipientEmail, order.SendOn, order.GiftCardId, order.SealedCode).ShouldBe((120m, "bea@example.com", Today.AddDays(3), (Guid?)null, (string?)null));
            (orderId, sessionId) = (order.Id, order.CheckoutSessionId!);
            (await db.Invoices.CountAsync()).ShouldBe(0, "nothing is sold before the payment");
        }

        await Stripe.ControlAsync("webhooks/hold");
        string back;
        try
        {
            back = await StripeFlows.PayOnHostedPageAsync(opened.Location!, "4242 4242 4242 4242", "12 / 34");
            var waiting = await visitor.GetAsync(StripeFlows.AppPath(back));
            waiting.Status.ShouldBe(HttpStatusCode.OK);
            waiting.Document.QuerySelector("#gift-card-waiting").ShouldNotBeNull("the return page issues nothing: only the webhook does");
            await using (var db = Database.CreateContext())
            {
                (await db.GiftCards.CountAsync()).ShouldBe(0);
            }

            // Two instances acting on the payment at the same moment (the webhook delivered to each): one card.
            await using var one = App.WithWebHostBuilder(_ => { });
            await using var two = App.WithWebHostBuilder(_ => { });
            var results = await Task.WhenAll(RecordOn(one, sessionId), RecordOn(two, sessionId));
            results.Order().ShouldBe([RecordGiftCardPayment.Result.Issued, RecordGiftCardPayment.Result.AlreadyIssued]);
        }
        finally
        {
            await Stripe.ControlAsync("webhooks/release");
        }

        var eventId = await WaitForAsync(db => db.PaymentEvents.Where(e => e.ObjectId == sessionId && e.Type == "checkout.session.completed").Select(e => e.Id).SingleOrDefaultAsync(), "the webhook");
        await Stripe.ControlAsync($"events/{eventId}/resend");
        for (var attempt = 0; attempt < 300 && Stripe.Delivered.Count(d => d.Body.Contains(eventId, StringComparison.Ordinal)) < 2; attempt++)
        {
            await Task.Delay(100);
        }

        Stripe.Delivered.Where(d => d.Body.Contains(eventId, StringComparison.Ordinal)).Select(d => d.Status).ShouldBe([200, 200]);
        await using (var db = Database.CreateContext())
        {
            var card = await db.GiftCards.SingleAsync();
            var entry = await db.GiftCardEntries.SingleAsync();
            (entry.Kind, entry.Amount, entry.GiftCardId).ShouldBe((Domain.Wallet.GiftCardEntryKind.Issued, 120m, card.Id));
            var invoice = await db.Invoices.Include(i => i.Lines).Include(i => i.Entries).SingleAsync();
            invoice.Lines.ShouldHaveSingleItem().Kind.ShouldBe(LineKind.GiftCard);
            (invoice.Charged, invoice.Paid, invoice.State, invoice.ClientId, invoice.OpenedBy).ShouldBe((120m, 120m, InvoiceState.Paid, (Guid?)null, OnlineShopUser.Id));
            var payment = invoice.Entries.Where(e => e.Kind == EntryKind.Payment).ShouldHaveSingleItem();
            (payment.Tender, payment.CardLastFour).ShouldBe((Tender.Card, "4242"));
            payment.Reference!.ShouldStartWith("pi_");
            var order = await db.GiftCardOrders.SingleAsync();
            (order.GiftCardId, order.InvoiceId, order.SentAt).ShouldBe(((Guid?)card.Id, (Guid?)invoice.Id, (DateTimeOffset?)null));
            order.SealedCode.ShouldNotBeNull().ShouldNotContain(card.LastFour, Case.Sensitive, "sealed, never in clear");
            (await db.Users.SingleAsync(u => u.Id == OnlineShopUser.Id)).DeactivatedAt.ShouldNotBeNull("the shop's account cannot sign in");
        }

        var paid = await visitor.GetAsync(StripeFlows.AppPath(back));
        paid.Document.QuerySelector("#gift-card-paid")!.TextContent.ShouldContain("$120.00");
        paid.Text.ShouldNotContain("Bea", Case.Sensitive, "the return page names nobody");

        var receipt = (await App.EmailsToAsync("ana@example.com")).ShouldHaveSingleItem();
        receipt.Subject.ShouldContain("gift card receipt");
        receipt.TextBody.ShouldContain("Thank you: your gift card of $120.00 for Bea <b>Friend</b> is paid with Visa ending 4242.");
        receipt.HtmlBody.ShouldContain("Bea &lt;b&gt;Friend&lt;/b&gt;");
        (await App.EmailsToAsync("bea@example.com")).ShouldBeEmpty("the recipient is emailed on the send date");
    }

    private static async Task<RecordGiftCardPayment.Result> RecordOn(WebApplicationFactory<Program> instance, string sessionId)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await Task.Run(() => scope.ServiceProvider.GetRequiredService<RecordGiftCardPayment.Handler>().RecordAsync(sessionId, CancellationToken.None));
    }

    [Theory]
    [InlineData("Command.Amount", "", "Enter the gift card's value.")]
    [InlineData("Command.Amount", "4.99", "A gift card is worth 5 to 5000, in whole cents.")]
    [InlineData("Command.Amount", "5000.01", "A gift card is worth 5 to 5000, in whole cents.")]
    [InlineData("Command.Amount", "0.125", "Enter the value in whole cents.")]
    [InlineData("Command.Amount", "-5", "A gift card is worth at most 50000, in whole cents.")]
    [InlineData("Command.Amount", "99999999999999999999999999999999", null)]
    [InlineData("Command.Amount", "ten", null)]
    [InlineData("Command.BuyerName", "", "Enter your name.")]
    [InlineData("Command.BuyerName", "long", "A name can be at most 100 characters.")]
    [InlineData("Command.BuyerEmail", "", "Enter your email address, for the receipt.")]
    [InlineData("Command.BuyerEmail", "ana@", "Enter an email address like name@example.com.")]
    [InlineData("Command.RecipientName", " ", "Enter the recipient's name.")]
    [InlineData("Command.RecipientEmail", "", "Enter the recipient's email address: the code is sent there.")]
    [InlineData("Command.RecipientEmail", "bea at example.com", "Enter an email address like name@example.com.")]
    [InlineData("Command.Message", "long", "A message can be at most 300 characters.")]
    [InlineData("Command.SendOn", "", "Choose the day the recipient gets the email.")]
    [InlineData("Command.SendOn", "yesterday", "Choose a send date from today to a year from now.")]
    [InlineData("Command.SendOn", "next year", "Choose a send date from today to a year from now.")]
    [InlineData("Command.SendOn", "9999-99-99", null)]
    public async Task Bad_input_is_refused_on_its_field_and_nothing_is_kept(string field, string value, string? message)
    {
        using var visitor = NewSession();
        var form = await visitor.GetAsync("/gift-cards/buy");
        var fields = Order(Today);
        fields[field] = value switch
        {
            "long" => new string('x', field == "Command.Message" ? 301 : 101),
            "yesterday" => Day(Today.AddDays(-1)),
            "next year" => Day(Today.AddDays(367)),
            _ => value,
        };
        var refused = await visitor.SubmitAsync(form, fields, "/gift-cards/buy");
        refused.Status.ShouldBe(HttpStatusCode.OK);
        var shown = refused.FieldMessage(field.Replace('.', '_'));
        if (message is null)
        {
            shown.ShouldNotBeNullOrWhiteSpace();
        }
        else
        {
            shown.ShouldBe(message);
        }

        if (field == "Command.Message")
        {
            refused.Html.ShouldNotContain("<script>alert(1)</script>", Case.Sensitive, "the message is shown escaped");
        }

        await using var db = Database.CreateContext();
        (await db.GiftCardOrders.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task The_admin_sets_the_smallest_and_largest_gift_card_and_both_the_shop_and_the_desk_keep_to_them()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var setup = await admin.GetAsync("/admin/setup");
        setup.Document.QuerySelector("input[name='Money.GiftCardMinValue']")!.GetAttribute("value").ShouldBe("5.00");
        setup.Document.QuerySelector("input[name='Money.GiftCardMaxValue']")!.GetAttribute("value").ShouldBe("5000.00");
        var bad = await admin.SubmitAsync(setup, new Dictionary<string, string> { ["Money.GiftCardMinValue"] = "50", ["Money.GiftCardMaxValue"] = "20" }, "/admin/setup/money");
        bad.FieldMessage("Money_GiftCardMaxValue").ShouldBe("The largest gift card is from the smallest one to 50000, in whole cents.");
        (await admin.SubmitAsync(setup, new Dictionary<string, string> { ["Money.GiftCardMinValue"] = "0" }, "/admin/setup/money"))
            .FieldMessage("Money_GiftCardMinValue").ShouldBe("The smallest gift card is at least 1, in whole cents.");
        (await admin.SubmitAsync(setup, new Dictionary<string, string> { ["Money.GiftCardMinValue"] = "" }, "/admin/setup/money"))
            .FieldMessage("Money_GiftCardMinValue").ShouldBe("Enter the smallest value a gift card is sold for.");
        var saved = await admin.SubmitAsync(setup, new Dictionary<string, string> { ["Money.GiftCardMinValue"] = "25", ["Money.GiftCardMaxValue"] = "200" }, "/admin/setup/money");
        saved.Status.ShouldBe(HttpStatusCode.Redirect, saved.Summary);

        using var visitor = NewSession();
        var form = await visitor.GetAsync("/gift-cards/buy");
        form.Text.ShouldContain("Worth $25.00 to $200.00");
        (await visitor.SubmitAsync(form, Order(Today, "201"), "/gift-cards/buy")).FieldMessage("Command_Amount").ShouldBe("A gift card is worth 25 to 200, in whole cents.");
        (await visitor.SubmitAsync(form, Order(Today, "24.99"), "/gift-cards/buy")).FieldMessage("Command_Amount").ShouldBe("A gift card is worth 25 to 200, in whole cents.");

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var started = await desk.SubmitAsync("/checkout", new Dictionary<string, string> { ["ClientId"] = clinic.Client.Id.ToString() }, "/checkout/walk-in");
        var line = await Checkout.CheckoutFlows.OnInvoiceAsync(desk, started.Location!, "gift-cards", new() { ["GiftCardValue"] = "300" });
        line.Text.ShouldContain("A gift card is worth 25 to 200, in whole cents.");
        await using var db = Database.CreateContext();
        (await db.InvoiceLines.CountAsync(l => l.Kind == LineKind.GiftCard)).ShouldBe(0);
    }
}
