using System.Net;
using System.Text.RegularExpressions;
using MicroSpa.Domain.Wallet;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.GiftCardSales;
using MicroSpa.Web.Features.Reminders;
using MicroSpa.Web.Features.Reports;
using MicroSpa.Web.Tests.Infrastructure;
using MicroSpa.Web.Tests.Payments;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.GiftCardSales;

/// <summary>
/// The gift cards' background round (issue 19, decision 048) on two app instances with injected clocks: a card bought online is
/// emailed to its recipient on its send date in the clinic's time zone, once, with the code that is in no table; a card past its
/// last day is written off once, and the liability report (hand-computed) drops it.
/// </summary>
public sealed partial class GiftCardDeliveryTests(WebAppFixture fixture) : WebTest(fixture)
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [GeneratedRegex(@"Your gift card code: (\S+)")]
    private static partial Regex CodeLine();

    private WebApplicationFactory<Program> InstanceAt(DateTimeOffset now) =>
        App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedClock(now))));

    private static async Task<DeliverGiftCards.Result> RunAsync(WebApplicationFactory<Program> instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeliverGiftCards.Handler>().RunAsync(CancellationToken.None);
    }

    private async Task<DeliverGiftCards.Result> RunAtAsync(DateTimeOffset now)
    {
        await using var instance = InstanceAt(now);
        return await RunAsync(instance);
    }

    /// <summary>Both instances run the round at the same moment; what each did.</summary>
    private async Task<DeliverGiftCards.Result[]> RaceAsync(DateTimeOffset now)
    {
        await using var one = InstanceAt(now);
        await using var two = InstanceAt(now);
        _ = one.Services;
        _ = two.Services;
        return await Task.WhenAll(Task.Run(() => RunAsync(one)), Task.Run(() => RunAsync(two)));
    }

    private static DateTimeOffset StartOf(DateOnly day) => TestClinic.Zone.DayBounds(day).Start;

    /// <summary>A visitor buys a card of $120 for bea@example.com sent on <paramref name="sendOn"/> and pays on the stand-in's page; the card once the webhook issued it.</summary>
    private async Task<GiftCard> BoughtAsync(DateOnly sendOn)
    {
        using var visitor = NewSession();
        var form = await visitor.GetAsync("/gift-cards/buy");
        var opened = await visitor.SubmitAsync(form, GiftCardShopTests.Order(sendOn), "/gift-cards/buy");
        opened.Status.ShouldBe(HttpStatusCode.Redirect, opened.Summary);
        await StripeFlows.PayOnHostedPageAsync(opened.Location!, "4242 4242 4242 4242", "12 / 34");
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await using var db = Database.CreateContext();
            if (await db.GiftCards.SingleOrDefaultAsync() is { } card)
            {
                return card;
            }

            await Task.Delay(100);
        }

        throw new ShouldAssertException("The webhook issued no card.");
    }

    [Fact]
    public async Task A_sealed_code_that_no_longer_opens_does_not_stop_the_round_and_stays_sealed_for_the_next()
    {
        var today = TestClinic.Zone.Today(DateTimeOffset.UtcNow);
        await BoughtAsync(today);
        await using (var db = Database.CreateContext())
        {
            // What a lost or revoked data protection key leaves: a sealed code nothing opens.
            (await db.Database.ExecuteSqlAsync($"UPDATE gift_card_orders SET sealed_code = {"CfDJ8not-a-sealed-code"}")).ShouldBe(1);
        }

        var round = await RunAtAsync(StartOf(today).AddHours(12));
        round.Sent.ShouldBe(0, "the round finishes, with nothing sent for that card");
        await using var check = Database.CreateContext();
        var order = await check.GiftCardOrders.SingleAsync();
        order.SealedCode.ShouldNotBeNull("kept, to be tried again once the key is back");
        order.SentAt.ShouldBeNull();
        (await check.Outbox.CountAsync(m => m.Kind == "gift-card")).ShouldBe(0);
    }

    [Fact]
    public async Task A_card_bought_online_is_emailed_to_its_recipient_on_its_send_date_once_across_two_instances_with_a_code_kept_in_no_table()
    {
        var today = TestClinic.Zone.Today(DateTimeOffset.UtcNow);
        var card = await BoughtAsync(today.AddDays(2));

        (await RunAtAsync(StartOf(today.AddDays(2)).AddMinutes(-1))).Sent.ShouldBe(0, "the evening before the send date, clinic time");
        var sendAt = StartOf(today.AddDays(2)).AddMinutes(1);
        (await RaceAsync(sendAt)).Sum(r => r.Sent).ShouldBe(1, "two instances at once email it once");
        (await RunAtAsync(sendAt.AddDays(1))).Sent.ShouldBe(0);

        await using (var future = InstanceAt(sendAt.AddMinutes(1)))
        await using (var scope = future.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(50, CancellationToken.None);
        }

        var email = (await App.EmailsToAsync("bea@example.com")).ShouldHaveSingleItem();
        email.Subject.ShouldContain("a gift card for you");
        email.TextBody.ShouldContain("Ana Buyer sent you a gift card of $120.00");
        email.HtmlBody.ShouldContain("Happy birthday &lt;script&gt;alert(1)&lt;/script&gt; &amp; more");
        email.HtmlBody.ShouldNotContain("<script>");
        var code = CodeLine().Match(email.TextBody).Groups[1].Value;
        GiftCardCode.Hash(GiftCardCode.Normalize(code)!).ShouldBe(card.CodeHash);
        code[^4..].ShouldBe(card.LastFour);

        await using (var db = Database.CreateContext())
        {
            var order = await db.GiftCardOrders.SingleAsync();
            order.SealedCode.ShouldBeNull("erased once the email was queued");
            order.SentAt.ShouldNotBeNull();
            var sent = await db.Outbox.SingleAsync(m => m.Kind == "gift-card");
            (sent.TextBody + sent.HtmlBody).ShouldNotContain(code, Case.Sensitive, "the outbox forgets the body once sent");
            var plain = GiftCardCode.Normalize(code)!;
            var anywhere = await db.Database.SqlQuery<long>($"""
                SELECT count(*) AS "Value" FROM (
                    SELECT text_body || html_body AS t FROM outbox_messages UNION ALL SELECT detail FROM audit_entries
                    UNION ALL SELECT coalesce(sealed_code, '') FROM gift_card_orders) x
                WHERE t LIKE {"%" + code + "%"} OR t LIKE {"%" + plain + "%"}
                """).SingleAsync();
            anywhere.ShouldBe(0L);
        }

        using var recipient = NewSession();
        var lookup = await recipient.GetAsync("/gift-cards/balance");
        var found = await recipient.SubmitAsync(lookup, new Dictionary<string, string> { ["Code"] = code }, "/gift-cards/balance");
        found.Document.QuerySelector("#gift-card-balance")!.TextContent.ShouldContain("$120.00");
    }

    [Fact]
    public async Task A_card_past_its_last_day_is_written_off_once_across_two_instances_and_the_liability_report_drops_it()
    {
        await using (var db = Database.CreateContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE billing_settings SET gift_card_expiry_months = 12");
        }

        var today = TestClinic.Zone.Today(DateTimeOffset.UtcNow);
        var card = await BoughtAsync(today);
        var last = card.ExpiresOn!.Value;
        last.ShouldBe(today.AddMonths(12));

        (await RunAtAsync(StartOf(last).AddHours(23))).Expired.ShouldBe(0, "the last day it is still good");
        var after = StartOf(last.AddDays(1)).AddMinutes(1);
        (await RaceAsync(after)).Sum(r => r.Expired).ShouldBe(1, "two instances write it off once");
        (await RunAtAsync(after.AddDays(3))).Expired.ShouldBe(0);

        await using (var db = Database.CreateContext())
        {
            var expired = await db.GiftCardEntries.SingleAsync(e => e.Kind == GiftCardEntryKind.Expired);
            (expired.Amount, expired.ClinicDay, expired.GiftCardId).ShouldBe((120m, last.AddDays(1), card.Id));
            var left = await db.Database.SqlQuery<decimal>($"""
                SELECT sum(CASE WHEN kind IN ('Issued', 'Returned') THEN amount ELSE -amount END) AS "Value" FROM gift_card_entries
                """).SingleAsync();
            left.ShouldBe(0m, "issued 120, expired 120");
        }

        // Hand-computed: $120 outstanding at the close of its last day, nothing the day after.
        await using var later = InstanceAt(after.AddDays(3));
        await using var scope = later.Services.CreateAsyncScope();
        var report = scope.ServiceProvider.GetRequiredService<LiabilityReport.Handler>();
        string Day(DateOnly d) => GiftCardShopTests.Day(d);
        (await report.HandleAsync(new ReportQuery { From = Day(last), To = Day(last), By = "day" }, CancellationToken.None)).Result.GiftCards.ShouldBe(120m);
        (await report.HandleAsync(new ReportQuery { From = Day(last.AddDays(1)), To = Day(last.AddDays(1)), By = "day" }, CancellationToken.None)).Result.GiftCards.ShouldBe(0m);
    }
}
