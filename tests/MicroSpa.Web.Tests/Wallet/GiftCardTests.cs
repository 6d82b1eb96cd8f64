using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MicroSpa.Data.Billing;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Wallet;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static MicroSpa.Web.Tests.Checkout.CheckoutFlows;

namespace MicroSpa.Web.Tests.Wallet;

/// <summary>
/// Gift cards at the desk (issue 19, decision 048) through the pages on PostgreSQL: sold as an untaxed line, issued with a code
/// shown once when the invoice is paid in full, used in part as a tender, refused when the code, the amount or the card is wrong,
/// given back by a refund or a void; two desks on two app instances taking the last of a balance take turns. Every balance is
/// recomputed from the insert-only entries by SQL.
/// </summary>
public sealed partial class GiftCardTests(WebAppFixture fixture) : WebTest(fixture)
{
    private Task<WebSession> SignedInStaffAsync(string role) => AccountFlows.SignedInStaffAsync(App, NewSession, role);

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$")]
    private static partial Regex CodeShape();

    /// <summary>The desk sells a card of <paramref name="value"/> on a walk-in sale of the test client, paid in cash; answers the code shown and the sale's address.</summary>
    internal static async Task<(string Code, string Sale)> SellAsync(WebSession desk, TestClinic clinic, string value = "100")
    {
        var started = await desk.SubmitAsync("/checkout", new Dictionary<string, string> { ["ClientId"] = clinic.Client.Id.ToString() }, "/checkout/walk-in");
        started.Status.ShouldBe(HttpStatusCode.Redirect);
        var url = started.Location!;
        var page = await OnInvoiceAsync(desk, url, "gift-cards", new() { ["GiftCardValue"] = value });
        Text(page, "invoice-lines").ShouldContain("Gift card");
        await OnInvoiceAsync(desk, url, "issue", []);
        page = await OnInvoiceAsync(desk, url, "cash", new() { ["CashTendered"] = value });
        Text(page, "invoice-due").ShouldBe("$0.00");
        var code = page.Document.QuerySelector("#gift-card-codes .gift-card-code")?.TextContent.Trim()
            ?? throw new ShouldAssertException("The page that took the last payment shows no gift card code.");
        return (code, url);
    }

    private async Task<string> VisitInvoiceAsync(WebSession desk, TestClinic clinic, bool otherRoom = false)
    {
        var appointment = otherRoom
            ? await clinic.BookAsync(Database, TestClinic.SoonToday(), clinic.OtherEsthetician, clinic.RoomTwo, clinic.Dermapen)
            : await clinic.BookAsync(Database, TestClinic.SoonToday());
        await TestClinic.GiveIntakeAsync(Database, appointment.Id);
        await CompleteAsync(desk, appointment.Id);
        var url = await CheckOutAsync(desk, appointment.Id);
        (await OnInvoiceAsync(desk, url, "issue", [])).Status.ShouldBe(HttpStatusCode.OK);
        return url;
    }

    private static Task<Page> PayAsync(WebSession desk, string invoice, string code, string amount) =>
        OnInvoiceAsync(desk, invoice, "gift-card", new() { ["GiftCardCode"] = code, ["GiftCardAmount"] = amount });

    /// <summary>Every card's balance summed from its entries by SQL (not by the app's code): issued + returned − everything else.</summary>
    private async Task<Dictionary<Guid, decimal>> LeftBySqlAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Database.SqlQuery<CardLeft>($"""
            SELECT gift_card_id, sum(CASE WHEN kind IN ('Issued', 'Returned') THEN amount ELSE -amount END) AS "left"
            FROM gift_card_entries GROUP BY gift_card_id
            """).ToDictionaryAsync(l => l.GiftCardId, l => l.Left);
    }

    private sealed record CardLeft(Guid GiftCardId, decimal Left);

    private async Task<Guid> CardAsync()
    {
        await using var db = Database.CreateContext();
        return await db.GiftCards.Select(c => c.Id).SingleAsync();
    }

    /// <summary>The app's balances (what the pages read) agree with the sums of the entries, card by card.</summary>
    private async Task BalancesAgreeAsync()
    {
        var sums = await LeftBySqlAsync();
        await using var db = Database.CreateContext();
        var cards = new GiftCards(db);
        foreach (var id in await db.GiftCards.Select(c => c.Id).ToListAsync())
        {
            (await cards.BalanceAsync(id, default))!.Left.ShouldBe(sums[id]);
        }
    }

    [Fact]
    public async Task A_card_sold_at_the_desk_is_issued_only_when_paid_in_full_its_code_is_shown_once_and_only_its_hash_and_last_four_are_kept()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var started = await desk.SubmitAsync("/checkout", new Dictionary<string, string> { ["ClientId"] = clinic.Client.Id.ToString() }, "/checkout/walk-in");
        var sale = started.Location!;

        var tooSmall = await OnInvoiceAsync(desk, sale, "gift-cards", new() { ["GiftCardValue"] = "1" });
        tooSmall.FieldMessage("GiftCardValue").ShouldBe("A gift card is worth 5 to 5000, in whole cents.");
        var huge = await OnInvoiceAsync(desk, sale, "gift-cards", new() { ["GiftCardValue"] = "99999999999" });
        huge.Status.ShouldBe(HttpStatusCode.OK);
        huge.FieldMessage("GiftCardValue").ShouldNotBeNullOrEmpty();
        var page = await OnInvoiceAsync(desk, sale, "gift-cards", new() { ["GiftCardValue"] = "150" });
        Text(page, "invoice-lines").ShouldContain("$150.00");
        await OnInvoiceAsync(desk, sale, "issue", []);
        Text(await desk.GetAsync(sale), "invoice-due").ShouldBe("$150.00", "untaxed, whatever the services' rate");

        page = await OnInvoiceAsync(desk, sale, "cash", new() { ["CashTendered"] = "100" });
        page.Document.GetElementById("gift-card-codes").ShouldBeNull("nothing is issued while the sale is partly paid");
        await using (var db = Database.CreateContext())
        {
            (await db.GiftCards.CountAsync()).ShouldBe(0);
        }

        page = await OnInvoiceAsync(desk, sale, "cash", new() { ["CashTendered"] = "50" });
        var shown = Text(page, "gift-card-codes");
        shown.ShouldContain("$150.00");
        shown.ShouldContain("never expires", customMessage: "no expiry unless the clinic sets one");
        var code = page.Document.QuerySelector("#gift-card-codes .gift-card-code")!.TextContent.Trim();
        CodeShape().IsMatch(code).ShouldBeTrue(code);

        var again = await desk.GetAsync(sale);
        again.Document.GetElementById("gift-card-codes").ShouldBeNull("the code is shown once");
        again.Text.ShouldNotContain(code);

        await using (var db = Database.CreateContext())
        {
            var card = await db.GiftCards.SingleAsync();
            var plain = code.Replace("-", string.Empty, StringComparison.Ordinal);
            card.CodeHash.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(plain))));
            card.LastFour.ShouldBe(plain[^4..]);
            card.ExpiresOn.ShouldBeNull();
            var stored = await db.Database.SqlQuery<string>($"SELECT row_to_json(g)::text AS \"Value\" FROM gift_cards g").SingleAsync();
            stored.ShouldNotContain(plain, customMessage: "the code itself is stored nowhere");
            var audit = await db.AuditEntries.Where(a => a.Action == "money.gift-card").Select(a => a.Detail).SingleAsync();
            audit.ShouldNotBeNull().ShouldNotContain(plain);
            var line = await db.InvoiceLines.SingleAsync(l => l.Kind == LineKind.GiftCard);
            line.TaxKind.ShouldBeNull();
            (await db.GiftCardEntries.SingleAsync()).ShouldSatisfyAllConditions(
                e => e.Kind.ShouldBe(GiftCardEntryKind.Issued), e => e.Amount.ShouldBe(150m), e => e.GiftCardId.ShouldBe(card.Id));
        }

        using var admin = await SignedInStaffAsync(Roles.Admin);
        var refund = await admin.GetAsync(sale);
        var payment = refund.Document.QuerySelector("input[name=PaymentId]")?.GetAttribute("value");
        payment.ShouldNotBeNull("the Admin sees the refund form");
        var refused = await admin.PostAsync(refund, $"{sale}/refund", new Dictionary<string, string>
        {
            ["PaymentId"] = payment, ["RefundAmount"] = "50", ["RefundReason"] = "Changed their mind", ["SubmissionId"] = Guid.NewGuid().ToString(),
        });
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Text.ShouldContain("This invoice sells a gift card: its money stays on the card.");

        var today = TestClinic.Zone.Today(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var report = await admin.GetAsync($"/admin/reports/money?From={today}&To={today}&By=day");
        report.Status.ShouldBe(HttpStatusCode.OK);
        report.Document.QuerySelector("#money-summary tr[data-figure='giftcards'] .current")!.TextContent.Trim().ShouldBe("$150.00");
        report.Document.QuerySelector("#money-summary tr[data-figure='services'] .current")!.TextContent.Trim().ShouldBe("$0.00");
        report.Document.QuerySelector("#money-summary tr[data-figure='cash'] .current")!.TextContent.Trim().ShouldBe("$150.00");
    }

    [Fact]
    public async Task A_card_still_being_paid_for_cannot_have_its_payment_refunded_so_it_is_never_issued_for_less_money()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var started = await desk.SubmitAsync("/checkout", new Dictionary<string, string> { ["ClientId"] = clinic.Client.Id.ToString() }, "/checkout/walk-in");
        var sale = started.Location!;
        await OnInvoiceAsync(desk, sale, "gift-cards", new() { ["GiftCardValue"] = "500" });
        await OnInvoiceAsync(desk, sale, "issue", []);
        Text(await OnInvoiceAsync(desk, sale, "cash", new() { ["CashTendered"] = "499.99" }), "invoice-due").ShouldBe("$0.01");

        using var admin = await SignedInStaffAsync(Roles.Admin);
        var page = await admin.GetAsync(sale);
        var payment = page.Document.QuerySelector("input[name=PaymentId]")?.GetAttribute("value");
        payment.ShouldNotBeNull("the Admin sees the refund form");
        var refused = await admin.PostAsync(page, $"{sale}/refund", new Dictionary<string, string>
        {
            ["PaymentId"] = payment, ["RefundAmount"] = "499.99", ["RefundReason"] = "Wrong amount", ["SubmissionId"] = Guid.NewGuid().ToString(),
        });
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Text.ShouldContain("This invoice sells a gift card: its money stays on the card.");

        page = await OnInvoiceAsync(desk, sale, "cash", new() { ["CashTendered"] = "0.01" });
        Text(page, "invoice-due").ShouldBe("$0.00");
        await using var db = Database.CreateContext();
        (await db.LedgerEntries.CountAsync(e => e.Kind == EntryKind.Refund || e.Kind == EntryKind.Credit)).ShouldBe(0, "nothing went back");
        var paid = await db.LedgerEntries.Where(e => e.Kind == EntryKind.Payment).SumAsync(e => e.Amount);
        var issued = await db.GiftCardEntries.Where(e => e.Kind == GiftCardEntryKind.Issued).SumAsync(e => e.Amount);
        (paid, issued).ShouldBe((500m, 500m), "the card holds what was paid for it");
    }

    [Fact]
    public async Task A_visit_is_paid_in_part_by_gift_card_wrong_codes_and_amounts_are_refused_and_a_refund_and_a_void_put_it_back()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var (code, _) = await SellAsync(desk, clinic);
        var card = await CardAsync();
        var visit = await VisitInvoiceAsync(desk, clinic);
        Text(await desk.GetAsync(visit), "invoice-due").ShouldBe("$350.00");

        var page = await PayAsync(desk, visit, code, "60");
        Text(page, "invoice-due").ShouldBe("$290.00");
        Text(page, "invoice-payments").ShouldContain($"Gift card ending {code[^4..]}");
        (await LeftBySqlAsync())[card].ShouldBe(40m);

        var unknown = await PayAsync(desk, visit, "0000-0000-0000-0000-0000", "10");
        unknown.FieldMessage("GiftCardCode").ShouldBe("No gift card has that code: check it with the client.");
        var garbage = await PayAsync(desk, visit, "not-a-code", "10");
        garbage.FieldMessage("GiftCardCode").ShouldNotBeNull().ShouldContain("A gift card code is 20 letters and digits");
        var above = await PayAsync(desk, visit, code, "50");
        above.FieldMessage("GiftCardAmount").ShouldBe($"The gift card ending {code[^4..]} has 40.00 USD left: take at most that from it.");
        var zero = await PayAsync(desk, visit, code, "0");
        zero.FieldMessage("GiftCardAmount").ShouldBe("Enter an amount above zero.");
        var huge = await PayAsync(desk, visit, code, "99999999999");
        huge.Status.ShouldBe(HttpStatusCode.OK);
        huge.FieldMessage("GiftCardAmount").ShouldNotBeNullOrEmpty();
        (await LeftBySqlAsync())[card].ShouldBe(40m, "nothing was taken by a refused attempt");

        // Typed as a person would read it aloud: lower case, spaces, an O for a zero.
        var typed = code.ToLowerInvariant().Replace('-', ' ').Replace('0', 'o');
        page = await PayAsync(desk, visit, typed, "40");
        Text(page, "invoice-due").ShouldBe("$250.00");
        (await LeftBySqlAsync())[card].ShouldBe(0m);
        var empty = await PayAsync(desk, visit, code, "1");
        empty.FieldMessage("GiftCardCode").ShouldBe(
            $"Nothing is left on the gift card ending {code[^4..]} (another desk may just have used the last of it): nothing was taken.");
        await BalancesAgreeAsync();

        // The Admin refunds part of the first gift card payment: that much goes back on the card.
        using var admin = await SignedInStaffAsync(Roles.Admin);
        Guid first;
        await using (var db = Database.CreateContext())
        {
            first = await db.LedgerEntries.Where(e => e.Tender == Tender.GiftCard && e.Kind == EntryKind.Payment).OrderBy(e => e.Sequence).Select(e => e.Id).FirstAsync();
        }

        var invoicePage = await admin.GetAsync(visit);
        var refunded = await admin.PostAsync(invoicePage, $"{visit}/refund", new Dictionary<string, string>
        {
            ["PaymentId"] = first.ToString(), ["RefundAmount"] = "25", ["RefundReason"] = "Goodwill", ["SubmissionId"] = Guid.NewGuid().ToString(),
        });
        refunded.Status.ShouldBe(HttpStatusCode.Redirect, refunded.Summary);
        (await LeftBySqlAsync())[card].ShouldBe(25m);

        var voided = await OnInvoiceAsync(admin, visit, "void", new() { ["VoidReason"] = "Checked out on the wrong visit" });
        Text(voided, "invoice-state").ShouldContain("Voided");
        (await LeftBySqlAsync())[card].ShouldBe(100m, "the void gave back what the refund had not");
        await using (var db = Database.CreateContext())
        {
            // Entries written in one save may take their sequence numbers in any order: compared as a set.
            (await db.GiftCardEntries.Select(e => new { e.Kind, e.Amount }).ToListAsync())
                .Select(e => (e.Kind, e.Amount)).OrderBy(e => e.Kind).ThenBy(e => e.Amount).ShouldBe([
                    (GiftCardEntryKind.Issued, 100m), (GiftCardEntryKind.Redeemed, 40m), (GiftCardEntryKind.Redeemed, 60m),
                    (GiftCardEntryKind.Returned, 25m), (GiftCardEntryKind.Returned, 35m), (GiftCardEntryKind.Returned, 40m)]);
        }

        await BalancesAgreeAsync();
    }

    [Fact]
    public async Task A_sale_voided_before_the_card_is_used_takes_its_value_back_and_a_used_cards_sale_cannot_be_voided()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        var (unusedCode, unusedSale) = await SellAsync(desk, clinic, "30");
        var voided = await OnInvoiceAsync(admin, unusedSale, "void", new() { ["VoidReason"] = "Sold by mistake" });
        Text(voided, "invoice-state").ShouldContain("Voided");
        var visit = await VisitInvoiceAsync(desk, clinic);
        var refused = await PayAsync(desk, visit, unusedCode, "10");
        refused.FieldMessage("GiftCardCode").ShouldBe($"The gift card ending {unusedCode[^4..]} was voided with its sale: nothing was taken.");

        var (code, sale) = await SellAsync(desk, clinic, "30");
        Text(await PayAsync(desk, visit, code, "10"), "invoice-due").ShouldBe("$340.00");
        var notVoided = await OnInvoiceAsync(admin, sale, "void", new() { ["VoidReason"] = "Changed their mind" });
        notVoided.Text.ShouldContain($"The gift card ending {code[^4..]} was used: its sale cannot be voided.");
        Text(await admin.GetAsync(sale), "invoice-state").ShouldNotContain("Voided");
        var sums = await LeftBySqlAsync();
        sums.Values.Order().ShouldBe([0m, 20m]);
        await BalancesAgreeAsync();
    }

    [Fact]
    public async Task A_card_past_the_clinics_expiry_is_refused_at_checkout_and_the_setting_is_none_by_default()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        var setup = await admin.GetAsync("/admin/setup");
        setup.Document.QuerySelector("input[name='Money.GiftCardExpiryMonths']")!.GetAttribute("value").ShouldBeNullOrEmpty();
        var bad = await admin.SubmitAsync(setup, new Dictionary<string, string> { ["Money.GiftCardExpiryMonths"] = "0" }, "/admin/setup/money");
        bad.Status.ShouldBe(HttpStatusCode.OK);
        bad.FieldMessage("Money_GiftCardExpiryMonths").ShouldBe("A gift card lasts 1 to 240 months, or leave it empty for no expiry.");
        var saved = await admin.SubmitAsync(setup, new Dictionary<string, string> { ["Money.GiftCardExpiryMonths"] = "12" }, "/admin/setup/money");
        saved.Status.ShouldBe(HttpStatusCode.Redirect, saved.Summary);

        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var (code, _) = await SellAsync(desk, clinic, "80");
        var today = TestClinic.Zone.Today(DateTimeOffset.UtcNow);
        await using (var db = Database.CreateContext())
        {
            (await db.GiftCards.SingleAsync()).ExpiresOn.ShouldBe(today.AddMonths(12));
        }

        var visit = await VisitInvoiceAsync(desk, clinic);
        var visitId = Guid.Parse(visit.Split('/')[^1]);
        Guid deskUser;
        await using (var db = Database.CreateContext())
        {
            deskUser = await db.LedgerEntries.Where(e => e.InvoiceId == visitId).Select(e => e.ByUserId).FirstAsync();
        }

        // The same ledger a day after the card's last day (an injected clock): refused, nothing taken.
        var later = new FixedClock(DateTimeOffset.UtcNow.AddMonths(12).AddDays(2));
        await using (var db = Database.CreateContext())
        {
            var result = await new Ledger(db, TestClinic.Zone, later).UseGiftCardAsync(visitId, code, 10m, Guid.NewGuid(), new Data.Billing.Actor(deskUser, "desk"), default);
            result.Status.ShouldBe(LedgerStatus.Refused);
            result.Message.ShouldBe($"The gift card ending {code[^4..]} expired on {today.AddMonths(12):yyyy-MM-dd}: nothing was taken.");
            result.Field.ShouldBe("GiftCardCode");
        }

        (await LeftBySqlAsync()).Values.Single().ShouldBe(80m);
        Text(await PayAsync(desk, visit, code, "10"), "invoice-due").ShouldBe("$340.00", "today it is still good");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task Two_desks_on_two_instances_taking_the_last_of_a_card_at_the_same_moment_take_turns_and_the_second_is_told()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var (code, _) = await SellAsync(desk, clinic, "100");
        var card = await CardAsync();
        var first = await VisitInvoiceAsync(desk, clinic);
        var second = await VisitInvoiceAsync(desk, clinic, otherRoom: true);

        await using var one = App.WithWebHostBuilder(_ => { });
        await using var two = App.WithWebHostBuilder(_ => { });
        using var deskOne = await AccountFlows.SignedInStaffAsync(App, () => new WebSession(one.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })), Roles.FrontDesk);
        using var deskTwo = await AccountFlows.SignedInStaffAsync(App, () => new WebSession(two.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })), Roles.Admin);
        var firstPage = await deskOne.GetAsync(first);
        var secondPage = await deskTwo.GetAsync(second);

        // Another transaction holds the card's lock while both requests arrive, so both wait for it at once.
        await using var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(48048, hashtext(@card))", holder))
        {
            take.Parameters.AddWithValue("card", card.ToString());
            await take.ExecuteNonQueryAsync();
        }

        var fields = new Dictionary<string, string> { ["GiftCardCode"] = code, ["GiftCardAmount"] = "100" };
        var a = Task.Run(() => deskOne.SubmitAsync(firstPage, fields, $"{first}/gift-card"));
        var b = Task.Run(() => deskTwo.SubmitAsync(secondPage, fields, $"{second}/gift-card"));
        var waiting = 0L;
        for (var tries = 0; tries < 300 && waiting < 2; tries++)
        {
            await using var count = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'", holder);
            waiting = (long)(await count.ExecuteScalarAsync())!;
            if (waiting < 2)
            {
                await Task.Delay(100);
            }
        }

        waiting.ShouldBe(2L, "both payments wait on the card's lock");
        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", holder))
        {
            await release.ExecuteNonQueryAsync();
        }

        var answers = await Task.WhenAll(a, b);
        answers.Count(p => p.Status == HttpStatusCode.Redirect).ShouldBe(1);
        var refused = answers.Single(p => p.Status != HttpStatusCode.Redirect);
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.FieldMessage("GiftCardCode").ShouldBe(
            $"Nothing is left on the gift card ending {code[^4..]} (another desk may just have used the last of it): nothing was taken.");
        (await LeftBySqlAsync())[card].ShouldBe(0m);
        await using var db = Database.CreateContext();
        (await db.LedgerEntries.CountAsync(e => e.Tender == Tender.GiftCard)).ShouldBe(1);
    }

    [Fact]
    public async Task Gift_cards_and_their_entries_are_insert_only_for_the_apps_role()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        await SellAsync(desk, clinic);

        await using var app = new NpgsqlConnection(Database.ConnectionString);
        await app.OpenAsync();
        foreach (var sql in new[] { "UPDATE gift_card_entries SET amount = 1000", "DELETE FROM gift_card_entries", "UPDATE gift_cards SET expires_on = NULL", "DELETE FROM gift_cards" })
        {
            await using var command = new NpgsqlCommand(sql, app);
            (await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync())).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, sql);
        }
    }
}
