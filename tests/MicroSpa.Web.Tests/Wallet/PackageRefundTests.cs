using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Wallet;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Stripe;
using static MicroSpa.Web.Tests.Checkout.CheckoutFlows;

namespace MicroSpa.Web.Tests.Wallet;

/// <summary>
/// The Admin refunds a package's unused credits from the client's profile (issue 19, decision 057), through the pages on
/// PostgreSQL: the amount by the rule (paid price less the sessions used at the price each visit was charged, never below
/// zero), in cash or back to how it was paid (a deposit paid online through the Stripe stand-in), as new ledger and wallet
/// entries only; two desks refunding at once; who may; what is refused writes nothing.
/// </summary>
public sealed class PackageRefundTests(WebAppFixture fixture) : WebTest(fixture)
{
    private Task<WebSession> SignedInStaffAsync(string role) => AccountFlows.SignedInStaffAsync(App, NewSession, role);

    private async Task<Guid> DefineAsync(WebSession admin, TestClinic clinic, string price = "900")
    {
        var saved = await admin.SubmitAsync("/admin/packages/new", new Dictionary<string, string>
        {
            ["Form.Name"] = "Face series of 3", ["Form.ServiceIds"] = clinic.Facial.Id.ToString(), ["Form.Sessions"] = "3", ["Form.Price"] = price, ["Form.ValidityMonths"] = "12",
        });
        saved.Status.ShouldBe(HttpStatusCode.Redirect, saved.Summary);
        await using var db = Database.CreateContext();
        return await db.PackageVersions.Where(v => v.Name == "Face series of 3").Select(v => v.PackageId).SingleAsync();
    }

    /// <summary>The package sold on a walk-in sale paid in cash; answers the lot (the package's line).</summary>
    private async Task<Guid> SellInCashAsync(WebSession desk, TestClinic clinic, Guid packageId)
    {
        var started = await desk.SubmitAsync("/checkout", new Dictionary<string, string> { ["ClientId"] = clinic.Client.Id.ToString() }, "/checkout/walk-in");
        var url = started.Location!;
        await OnInvoiceAsync(desk, url, "packages", new() { ["PackageId"] = packageId.ToString() });
        await OnInvoiceAsync(desk, url, "issue", []);
        Text(await OnInvoiceAsync(desk, url, "cash", new() { ["CashTendered"] = "900" }), "invoice-due").ShouldBe("$0.00");
        return await LotAsync();
    }

    private async Task<Guid> LotAsync()
    {
        await using var db = Database.CreateContext();
        return await db.InvoiceLines.Where(l => l.Kind == LineKind.Package).Select(l => l.Id).SingleAsync();
    }

    /// <summary>A visit of today (350, untaxed) paid with one credit of the package.</summary>
    private async Task UseOneCreditAsync(WebSession desk, TestClinic clinic)
    {
        var appointment = await clinic.BookAsync(Database, TestClinic.SoonToday());
        await TestClinic.GiveIntakeAsync(Database, appointment.Id);
        await CompleteAsync(desk, appointment.Id);
        var url = await CheckOutAsync(desk, appointment.Id);
        await OnInvoiceAsync(desk, url, "issue", []);
        var paid = await desk.SubmitAsync(await desk.GetAsync(url), new Dictionary<string, string>(), $"{url}/credit");
        Text(await desk.FollowAsync(paid), "invoice-due").ShouldBe("$0.00");
    }

    private sealed record Row(Guid Id, string Kind, decimal Amount);

    /// <summary>Every ledger and wallet row as stored, to show that a refund only adds rows.</summary>
    private async Task<List<Row>> RowsAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Database.SqlQuery<Row>($"""
            SELECT id, kind, amount FROM ledger_entries UNION ALL SELECT id, 'wallet ' || kind, amount FROM wallet_entries ORDER BY 1
            """).ToListAsync();
    }

    private static Dictionary<string, string> Refund(string tender) => new() { ["Form.Tender"] = tender, ["Form.Reason"] = "Moving away" };

    [Fact]
    public async Task The_Admin_refunds_the_two_credits_left_in_cash_by_the_rule_shown_in_words_and_only_new_entries_are_written()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        var package = await DefineAsync(admin, clinic);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var lot = await SellInCashAsync(desk, clinic, package);
        await UseOneCreditAsync(desk, clinic);
        var before = await RowsAsync();

        var profile = await admin.GetAsync($"/front-desk/clients/{clinic.Client.Id}");
        Text(profile, "credit-refunds").ShouldContain("Refund unused credits of Face series of 3");
        Text(profile, "credit-refunds").ShouldContain("$550.00 by the rule");
        var page = await admin.GetAsync($"/front-desk/clients/{clinic.Client.Id}/packages/{lot}/refund");
        Text(page, "refund-rule").ShouldBe("The refund is the price paid for the package less each session used at the price its visit was charged, never below zero.");
        Text(page, "refund-sum").ShouldContain("$900.00");
        Text(page, "refund-sum").ShouldContain("− $350.00");
        Text(page, "refund-amount").ShouldBe("$550.00");
        Text(page, "refund-payments").ShouldContain("Cash ($900.00)");

        var done = await admin.SubmitAsync(page, Refund("cash"));
        done.Status.ShouldBe(HttpStatusCode.Redirect, done.Summary);
        var after = await admin.FollowAsync(done);
        after.Text.ShouldContain("Unused credits refunded.");
        Text(after, "wallet-credits").ShouldContain("0 of 3 left");
        after.Document.GetElementById("credit-refunds").ShouldBeNull("nothing is left to refund");

        var rows = await RowsAsync();
        rows.Where(r => before.Any(b => b.Id == r.Id)).ShouldBe(before, "no row was changed or removed");
        rows.Except(before).Select(r => (r.Kind, r.Amount)).OrderBy(r => r.Kind)
            .ShouldBe([("Credit", 550m), ("Refund", 550m), ("wallet Refunded", 550m)]);
        await using var db = Database.CreateContext();
        var refund = await db.LedgerEntries.SingleAsync(e => e.Kind == EntryKind.Refund);
        refund.Tender.ShouldBe(Tender.Cash);
        (await db.WalletEntries.SingleAsync(e => e.Kind == WalletEntryKind.Refunded)).Sessions.ShouldBe(2);
        var sale = await db.Invoices.Include(i => i.Entries).Include(i => i.Lines).SingleAsync(i => i.Lines.Any(l => l.Id == lot));
        (sale.Total, sale.Paid - sale.Refunded, sale.Due).ShouldBe((350m, 350m, 0m), "the client kept the session used and paid for it");
    }

    [Fact]
    public async Task A_package_paid_with_a_deposit_online_goes_back_to_the_card_through_Stripe()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        var package = await DefineAsync(admin, clinic);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var appointment = await clinic.BookAsync(Database, TestClinic.SoonToday());
        await TestClinic.GiveIntakeAsync(Database, appointment.Id);
        var stripe = Stripe.Client();
        var customer = await new CustomerService(stripe).CreateAsync(new CustomerCreateOptions { Email = "series@example.com" });
        var intent = await new PaymentIntentService(stripe).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 125000, Currency = "usd", Customer = customer.Id, PaymentMethod = "pm_card_visa", Confirm = true,
        });
        intent.Status.ShouldBe("succeeded");
        await using (var db = Database.CreateContext())
        {
            db.OnlinePayments.Add(new OnlinePayment(intent.Id, OnlinePurpose.Deposit, clinic.Client.Id, appointment.Id, null, new Money(1250m, "USD"), null,
                intent.LatestChargeId, "visa", "4242", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        await CompleteAsync(desk, appointment.Id);
        var url = await CheckOutAsync(desk, appointment.Id);
        await OnInvoiceAsync(desk, url, "packages", new() { ["PackageId"] = package.ToString() });
        Text(await OnInvoiceAsync(desk, url, "issue", []), "invoice-due").ShouldBe("$0.00", "the deposit paid the visit and the series");
        var lot = await LotAsync();

        var page = await admin.GetAsync($"/front-desk/clients/{clinic.Client.Id}/packages/{lot}/refund");
        Text(page, "refund-amount").ShouldBe("$900.00");
        Text(page, "refund-payments").ShouldContain("Deposit paid online: back to the card through Stripe");
        var done = await admin.SubmitAsync(page, Refund("payments"));
        done.Status.ShouldBe(HttpStatusCode.Redirect, done.Summary);

        await using var check = Database.CreateContext();
        var online = await check.OnlineRefunds.SingleAsync(r => r.PaymentIntentId == intent.Id);
        (online.Amount, online.Reason).ShouldBe((900m, OnlineRefundReason.ByStaff));
        (await new RefundService(stripe).GetAsync(online.Id)).Amount.ShouldBe(90000, "Stripe gave 900.00 back to the card");
        var refund = await check.LedgerEntries.SingleAsync(e => e.Kind == EntryKind.Refund);
        (refund.Tender, refund.Amount).ShouldBe((Tender.Deposit, 900m));
        (await check.WalletEntries.SingleAsync(e => e.Kind == WalletEntryKind.Refunded)).Sessions.ShouldBe(3);
    }

    [Fact]
    public async Task A_package_paid_by_two_online_deposits_is_refused_back_to_the_cards_before_Stripe_is_asked_and_goes_back_in_cash()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        var package = await DefineAsync(admin, clinic);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var appointment = await clinic.BookAsync(Database, TestClinic.SoonToday());
        await TestClinic.GiveIntakeAsync(Database, appointment.Id);
        var stripe = Stripe.Client();
        var customer = await new CustomerService(stripe).CreateAsync(new CustomerCreateOptions { Email = "series@example.com" });
        var intents = new List<string>();
        foreach (var (cents, at) in new[] { (40000L, DateTimeOffset.UtcNow.AddMinutes(-10)), (85000L, DateTimeOffset.UtcNow) })
        {
            var intent = await new PaymentIntentService(stripe).CreateAsync(new PaymentIntentCreateOptions
            {
                Amount = cents, Currency = "usd", Customer = customer.Id, PaymentMethod = "pm_card_visa", Confirm = true,
            });
            intents.Add(intent.Id);
            await using var db = Database.CreateContext();
            db.OnlinePayments.Add(new OnlinePayment(intent.Id, OnlinePurpose.Deposit, clinic.Client.Id, appointment.Id, null, new Money(cents / 100m, "USD"), null,
                intent.LatestChargeId, "visa", "4242", at));
            await db.SaveChangesAsync();
        }

        await CompleteAsync(desk, appointment.Id);
        var url = await CheckOutAsync(desk, appointment.Id);
        await OnInvoiceAsync(desk, url, "packages", new() { ["PackageId"] = package.ToString() });
        Text(await OnInvoiceAsync(desk, url, "issue", []), "invoice-due").ShouldBe("$0.00", "the two deposits paid the visit and the series");
        var lot = await LotAsync();
        var before = await RowsAsync();

        var page = await admin.GetAsync($"/front-desk/clients/{clinic.Client.Id}/packages/{lot}/refund");
        Text(page, "refund-amount").ShouldBe("$900.00");
        var refused = await admin.SubmitAsync(page, Refund("payments"));
        refused.Status.ShouldBe(HttpStatusCode.Conflict, refused.Summary);
        refused.Text.ShouldContain("refund it in cash");
        (await RowsAsync()).ShouldBe(before, "nothing was written");
        await using (var db = Database.CreateContext())
        {
            (await db.OnlineRefunds.CountAsync()).ShouldBe(0);
        }

        foreach (var intent in intents)
        {
            (await new RefundService(stripe).ListAsync(new RefundListOptions { PaymentIntent = intent })).Data
                .ShouldBeEmpty("no money went back through Stripe before the refund was known to hold");
        }

        var done = await admin.SubmitAsync(await admin.GetAsync($"/front-desk/clients/{clinic.Client.Id}/packages/{lot}/refund"), Refund("cash"));
        done.Status.ShouldBe(HttpStatusCode.Redirect, done.Summary);
        await using var check = Database.CreateContext();
        var refunds = await check.LedgerEntries.Where(e => e.Kind == EntryKind.Refund).ToListAsync();
        refunds.Sum(r => r.Amount).ShouldBe(900m);
        refunds.ShouldAllBe(r => r.Tender == Tender.Cash);
        (await check.WalletEntries.SingleAsync(e => e.Kind == WalletEntryKind.Refunded)).Sessions.ShouldBe(3);
    }

    [Fact]
    public async Task Two_desks_refunding_the_same_package_at_once_one_refunds_and_the_other_is_told_nothing_is_left()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        using var otherAdmin = await SignedInStaffAsync(Roles.Admin);
        var package = await DefineAsync(admin, clinic);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var lot = await SellInCashAsync(desk, clinic, package);
        var refundUrl = $"/front-desk/clients/{clinic.Client.Id}/packages/{lot}/refund";
        var first = await admin.GetAsync(refundUrl);
        var second = await otherAdmin.GetAsync(refundUrl);

        // Another session holds the clinic day exclusively (as closing the day does) while both refunds arrive, so both wait at once.
        await using var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock(32032, {TestClinic.Zone.Today(DateTimeOffset.UtcNow).DayNumber})", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        var a = Task.Run(() => admin.SubmitAsync(first, Refund("cash")));
        var b = Task.Run(() => otherAdmin.SubmitAsync(second, Refund("payments")));
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

        waiting.ShouldBe(2L, "both refunds wait on the day's lock");
        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", holder))
        {
            await release.ExecuteNonQueryAsync();
        }

        var answers = await Task.WhenAll(a, b);
        answers.Count(p => p.Status == HttpStatusCode.Redirect).ShouldBe(1);
        var told = answers.Single(p => p.Status != HttpStatusCode.Redirect);
        told.Status.ShouldBe(HttpStatusCode.Conflict);
        told.Summary.ShouldContain("No credit of Face series of 3 is left to refund (another desk may just have refunded it): nothing was refunded.");
        await using var db = Database.CreateContext();
        (await db.LedgerEntries.CountAsync(e => e.Kind == EntryKind.Refund)).ShouldBe(1);
        (await db.WalletEntries.CountAsync(e => e.Kind == WalletEntryKind.Refunded)).ShouldBe(1);
    }

    [Fact]
    public async Task Only_the_Admin_refunds_and_another_clients_package_a_tampered_amount_or_a_second_refund_is_refused_with_nothing_written()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        var package = await DefineAsync(admin, clinic);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var lot = await SellInCashAsync(desk, clinic, package);
        var refundUrl = $"/front-desk/clients/{clinic.Client.Id}/packages/{lot}/refund";

        var profile = await desk.GetAsync($"/front-desk/clients/{clinic.Client.Id}");
        profile.Document.GetElementById("credit-refunds").ShouldBeNull("the desk is not offered the refund");
        var denied = await desk.GetAsync(refundUrl);
        denied.Status.ShouldBe(HttpStatusCode.Redirect);
        (await desk.FollowAsync(denied)).Status.ShouldBe(HttpStatusCode.Forbidden);
        var page = await admin.GetAsync(refundUrl);
        var crafted = await desk.PostAsync(profile, refundUrl, new Dictionary<string, string>
        {
            ["Form.Amount"] = "900", ["Form.Tender"] = "cash", ["Form.Reason"] = "x", ["Form.SubmissionId"] = Guid.NewGuid().ToString(),
        });
        crafted.Status.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Forbidden);
        crafted.Location?.ShouldContain("/account/access-denied");
        var before = await RowsAsync();

        await using (var db = Database.CreateContext())
        {
            var other = new Domain.Clients.Client("Other", "Person", "other.person@example.com", null, DateTimeOffset.UtcNow);
            db.Clients.Add(other);
            await db.SaveChangesAsync();
            (await admin.GetAsync($"/front-desk/clients/{other.Id}/packages/{lot}/refund")).Status.ShouldBe(HttpStatusCode.NotFound);
            (await admin.PostAsync(page, $"/front-desk/clients/{other.Id}/packages/{lot}/refund", new Dictionary<string, string>
            {
                ["Form.Amount"] = "900", ["Form.Tender"] = "cash", ["Form.Reason"] = "x", ["Form.SubmissionId"] = Guid.NewGuid().ToString(),
            })).Status.ShouldBe(HttpStatusCode.NotFound, "another client's purchase");
        }

        var tampered = await admin.SubmitAsync(page, new Dictionary<string, string>(Refund("cash")) { ["Form.Amount"] = "9000" });
        tampered.Status.ShouldBe(HttpStatusCode.Conflict);
        tampered.Summary.ShouldContain("By the rule the refund is now 900.00 USD, not 9000.00");
        var noReason = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Form.Tender"] = "cash", ["Form.Reason"] = "" });
        noReason.Status.ShouldBe(HttpStatusCode.OK);
        noReason.FieldMessage("Form_Reason").ShouldBe("Give the refund's reason.");
        var noTender = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Form.Tender"] = "gold", ["Form.Reason"] = "Moving away" });
        noTender.FieldMessage("Form_Tender").ShouldBe("Choose where the money goes back.");
        (await RowsAsync()).ShouldBe(before, "nothing refused was written");

        (await admin.SubmitAsync(page, Refund("cash"))).Status.ShouldBe(HttpStatusCode.Redirect);
        var again = await admin.SubmitAsync(page, new Dictionary<string, string>(Refund("cash")) { ["Form.SubmissionId"] = Guid.NewGuid().ToString() });
        again.Status.ShouldBe(HttpStatusCode.Conflict);
        again.Summary.ShouldContain("No credit of Face series of 3 is left to refund");
        var twice = await admin.SubmitAsync(page, Refund("cash"));
        twice.Status.ShouldBe(HttpStatusCode.Redirect, "the same form sent twice refunds once");
        await using var check = Database.CreateContext();
        (await check.LedgerEntries.CountAsync(e => e.Kind == EntryKind.Refund)).ShouldBe(1);
        (await check.WalletEntries.CountAsync(e => e.Kind == WalletEntryKind.Refunded)).ShouldBe(1);
    }

    [Fact]
    public async Task A_package_paid_by_card_and_refunded_in_cash_is_cash_out_of_the_drawer_in_the_money_report()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        var id = await DefineAsync(admin, clinic);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var started = await desk.SubmitAsync("/checkout", new Dictionary<string, string> { ["ClientId"] = clinic.Client.Id.ToString() }, "/checkout/walk-in");
        var url = started.Location!;
        await OnInvoiceAsync(desk, url, "packages", new() { ["PackageId"] = id.ToString() });
        await OnInvoiceAsync(desk, url, "issue", []);
        Text(await OnInvoiceAsync(desk, url, "card", new() { ["CardAmount"] = "900", ["CardBrand"] = "Visa", ["CardLastFour"] = "4242", ["ApprovalCode"] = "A1B2" }), "invoice-due")
            .ShouldBe("$0.00");
        var lot = await LotAsync();

        var page = await admin.GetAsync($"/front-desk/clients/{clinic.Client.Id}/packages/{lot}/refund");
        Text(page, "refund-amount").ShouldBe("$900.00");
        (await admin.SubmitAsync(page, Refund("cash"))).Status.ShouldBe(HttpStatusCode.Redirect);

        // By hand: $900 came in on the terminal and $900 went out of the drawer; the day's collected is nothing, and the
        // drawer is $900 short of the sales, as the end-of-day count will find it.
        var today = TestClinic.Zone.Today(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var report = await admin.GetAsync($"/admin/reports/money?From={today}&To={today}&By=day");
        report.Status.ShouldBe(HttpStatusCode.OK);
        decimal Figure(string figure) => decimal.Parse(
            (report.Document.QuerySelector($"#money-summary tr[data-figure='{figure}'] .current")?.TextContent.Trim()
                ?? throw new ShouldAssertException($"The page shows no {figure} figure.")).Replace('−', '-'),
            System.Globalization.NumberStyles.Currency, System.Globalization.CultureInfo.GetCultureInfo("en-US"));
        Figure("card").ShouldBe(900m, "the terminal took 900 and gave nothing back");
        Figure("cash").ShouldBe(-900m, "the refund left the drawer");
        Figure("collected").ShouldBe(0m);
    }
}
