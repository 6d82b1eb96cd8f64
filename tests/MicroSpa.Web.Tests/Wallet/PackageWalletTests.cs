using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Wallet;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static MicroSpa.Web.Tests.Checkout.CheckoutFlows;

namespace MicroSpa.Web.Tests.Wallet;

/// <summary>
/// Prepaid series (issue 19, decision 047) through the pages on PostgreSQL: the Admin defines a package, the desk sells it,
/// its credits are issued when the invoice is paid in full, a visit is paid with one credit, a void gives it back, two desks
/// taking the last credit take turns; every balance is recomputed from the insert-only wallet entries.
/// </summary>
public sealed class PackageWalletTests(WebAppFixture fixture) : WebTest(fixture)
{
    private Task<WebSession> SignedInStaffAsync(string role) => AccountFlows.SignedInStaffAsync(App, NewSession, role);

    private static Dictionary<string, string> PackageForm(string name, string services, string sessions, string price, string months) => new()
    {
        ["Form.Name"] = name, ["Form.ServiceIds"] = services, ["Form.Sessions"] = sessions, ["Form.Price"] = price, ["Form.ValidityMonths"] = months,
    };

    private async Task<Guid> DefineAsync(WebSession admin, TestClinic clinic, int sessions = 3, string price = "900", string months = "12")
    {
        var saved = await admin.SubmitAsync("/admin/packages/new", PackageForm($"Face series of {sessions}", clinic.Facial.Id.ToString(), sessions.ToString(), price, months));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, saved.Summary);
        await using var db = Database.CreateContext();
        return await db.PackageVersions.Where(v => v.Name == $"Face series of {sessions}").Select(v => v.PackageId).SingleAsync();
    }

    /// <summary>The desk sells the package to the test client on a walk-in sale and takes it in cash; answers the sale's invoice address.</summary>
    private static async Task<string> SellAsync(WebSession desk, TestClinic clinic, Guid packageId, bool pay = true)
    {
        var started = await desk.SubmitAsync("/checkout", new Dictionary<string, string> { ["ClientId"] = clinic.Client.Id.ToString() }, "/checkout/walk-in");
        started.Status.ShouldBe(HttpStatusCode.Redirect);
        var url = started.Location!;
        var page = await OnInvoiceAsync(desk, url, "packages", new() { ["PackageId"] = packageId.ToString() });
        Text(page, "invoice-lines").ShouldContain("Face series of");
        page = await OnInvoiceAsync(desk, url, "issue", []);
        if (pay)
        {
            page = await OnInvoiceAsync(desk, url, "cash", new() { ["CashTendered"] = "2000" });
            Text(page, "invoice-due").ShouldBe("$0.00");
        }

        return url;
    }

    private async Task<string> VisitInvoiceAsync(WebSession desk, TestClinic clinic, DateTimeOffset? start = null, bool otherRoom = false)
    {
        var appointment = otherRoom
            ? await clinic.BookAsync(Database, start ?? TestClinic.SoonToday(), clinic.OtherEsthetician, clinic.RoomTwo, clinic.Dermapen)
            : await clinic.BookAsync(Database, start ?? TestClinic.SoonToday());
        await TestClinic.GiveIntakeAsync(Database, appointment.Id);
        await CompleteAsync(desk, appointment.Id);
        var url = await CheckOutAsync(desk, appointment.Id);
        (await OnInvoiceAsync(desk, url, "issue", [])).Status.ShouldBe(HttpStatusCode.OK);
        return url;
    }

    /// <summary>Every lot's sessions left, summed from its entries by SQL (not by the app's code): issued − redeemed + returned − refunded − revoked.</summary>
    private async Task<Dictionary<Guid, long>> LeftBySqlAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Database.SqlQuery<LotLeft>($"""
            SELECT lot_id, sum(CASE kind WHEN 'Issued' THEN sessions WHEN 'Returned' THEN sessions ELSE -sessions END) AS "left"
            FROM wallet_entries GROUP BY lot_id
            """).ToDictionaryAsync(l => l.LotId, l => l.Left);
    }

    private sealed record LotLeft(Guid LotId, long Left);

    private async Task<Guid> LotAsync()
    {
        await using var db = Database.CreateContext();
        return await db.InvoiceLines.Where(l => l.Kind == LineKind.Package).Select(l => l.Id).SingleAsync();
    }

    [Fact]
    public async Task The_Admin_defines_a_package_refused_input_gets_its_message_and_a_change_is_a_new_version_that_leaves_the_sold_one_as_it_was()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await SignedInStaffAsync(Roles.Admin);

        var negative = await admin.SubmitAsync("/admin/packages/new", PackageForm("Face series of 3", clinic.Facial.Id.ToString(), "3", "-5", "12"));
        negative.Status.ShouldBe(HttpStatusCode.OK);
        negative.FieldMessage("Form_Price").ShouldBe("Enter a price above zero.");
        var zero = await admin.SubmitAsync("/admin/packages/new", PackageForm("Face series of 3", clinic.Facial.Id.ToString(), "0", "900", "12"));
        zero.FieldMessage("Form_Sessions").ShouldBe("A package holds 1 to 50 sessions.");
        var unknown = await admin.SubmitAsync("/admin/packages/new", PackageForm("Face series of 3", Guid.NewGuid().ToString(), "3", "900", "12"));
        unknown.Document.GetElementById("Form_ServiceIds-error")!.TextContent.ShouldBe("Choose services from the list (services offered now).");
        await using (var db = Database.CreateContext())
        {
            (await db.Packages.CountAsync()).ShouldBe(0, "nothing half-saved");
        }

        var id = await DefineAsync(admin, clinic);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var sale = await SellAsync(desk, clinic, id);
        var changed = await admin.SubmitAsync($"/admin/packages/{id}", PackageForm("Face series of 3", clinic.Facial.Id.ToString(), "3", "990", "6"));
        changed.Status.ShouldBe(HttpStatusCode.Redirect);

        var list = await admin.GetAsync("/admin/packages");
        Text(list, "packages").ShouldContain("version 2");
        Text(list, "packages").ShouldContain("$990.00");
        await using (var db = Database.CreateContext())
        {
            var versions = await db.PackageVersions.Where(v => v.PackageId == id).OrderBy(v => v.Number).ToListAsync();
            versions.Select(v => (v.Number, v.Price, v.ValidityMonths)).ShouldBe([(1, 900m, 12), (2, 990m, 6)]);
            var line = await db.InvoiceLines.SingleAsync(l => l.Kind == LineKind.Package);
            line.PackageVersionId.ShouldBe(versions[0].Id, "the sale keeps the version it was sold on");
            line.UnitPrice.ShouldBe(900m);
            var issued = await db.WalletEntries.SingleAsync(e => e.Kind == WalletEntryKind.Issued);
            issued.ExpiresOn.ShouldBe(TestClinic.Zone.Today(DateTimeOffset.UtcNow).AddMonths(12), "the 12 months of the version sold");
        }

        (await admin.SubmitAsync("/admin/packages", new Dictionary<string, string>(), $"/admin/packages/{id}/active")).Status.ShouldBe(HttpStatusCode.Redirect);
        var walkIn = await desk.SubmitAsync("/checkout", new Dictionary<string, string> { ["ClientId"] = clinic.Client.Id.ToString() }, "/checkout/walk-in");
        var draft = await desk.GetAsync(walkIn.Location!);
        draft.Document.GetElementById("sell-package").ShouldBeNull("a retired package is not offered");
        var crafted = await desk.PostAsync(draft, $"{walkIn.Location}/packages", new Dictionary<string, string> { ["PackageId"] = id.ToString() });
        crafted.Status.ShouldBe(HttpStatusCode.OK);
        crafted.Summary.ShouldContain("Face series of 3 is retired and no longer sold.");
        Text(await desk.GetAsync(sale), "invoice-lines").ShouldContain("$900.00", customMessage: "the invoice sold keeps its price");
    }

    [Fact]
    public async Task Credits_are_issued_only_when_the_sale_is_paid_in_full_and_the_profile_shows_what_is_left_with_the_expiry()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        var id = await DefineAsync(admin, clinic);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var sale = await SellAsync(desk, clinic, id, pay: false);

        (await LeftBySqlAsync()).ShouldBeEmpty("nothing is issued while the sale is unpaid");
        await OnInvoiceAsync(desk, sale, "cash", new() { ["CashTendered"] = "400" });
        (await LeftBySqlAsync()).ShouldBeEmpty("nor while it is partly paid");
        await OnInvoiceAsync(desk, sale, "cash", new() { ["CashTendered"] = "500" });

        var lot = await LotAsync();
        (await LeftBySqlAsync())[lot].ShouldBe(3);
        var profile = await desk.GetAsync($"/front-desk/clients/{clinic.Client.Id}");
        var credits = Text(profile, "wallet-credits");
        credits.ShouldContain("Face series of 3");
        credits.ShouldContain("3 of 3 left");
        credits.ShouldContain(TestClinic.Zone.Today(DateTimeOffset.UtcNow).AddMonths(12).ToString("d", System.Globalization.CultureInfo.GetCultureInfo("en-US")));
    }

    [Fact]
    public async Task A_visit_is_paid_with_one_credit_as_a_tender_a_void_gives_it_back_and_every_balance_adds_up_from_the_entries()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        var id = await DefineAsync(admin, clinic);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        await SellAsync(desk, clinic, id);
        var lot = await LotAsync();
        var visit = await VisitInvoiceAsync(desk, clinic);

        var page = await desk.GetAsync(visit);
        Text(page, "use-credit").ShouldContain("Use one credit of Face series of 3");
        page = await desk.SubmitAsync(page, new Dictionary<string, string>(), $"{visit}/credit");
        page.Status.ShouldBe(HttpStatusCode.Redirect);
        page = await desk.FollowAsync(page);
        Text(page, "invoice-due").ShouldBe("$0.00");
        Text(page, "invoice-payments").ShouldContain("One package credit");
        (await LeftBySqlAsync())[lot].ShouldBe(2);
        Text(await desk.GetAsync($"/front-desk/clients/{clinic.Client.Id}"), "wallet-credits").ShouldContain("2 of 3 left");
        var receipt = await desk.GetAsync($"{visit}/receipt");
        receipt.Text.ShouldContain("Package credit");

        var visitId = Guid.Parse(visit.Split('/')[^1]);
        await using (var db = Database.CreateContext())
        {
            var payment = await db.LedgerEntries.SingleAsync(e => e.InvoiceId == visitId && e.Kind == EntryKind.Payment);
            (payment.Tender, payment.Amount, payment.Reference).ShouldBe((Tender.PackageCredit, 350m, lot.ToString()));
            var redeemed = await db.WalletEntries.SingleAsync(e => e.Kind == WalletEntryKind.Redeemed);
            (redeemed.LedgerEntryId, redeemed.Amount, redeemed.InvoiceId).ShouldBe((payment.Id, 350m, visitId));
        }

        using var refunder = await SignedInStaffAsync(Roles.Admin);
        var voided = await OnInvoiceAsync(refunder, visit, "void", new() { ["VoidReason"] = "Checked out on the wrong visit" });
        Text(voided, "invoice-state").ShouldContain("Voided");
        (await LeftBySqlAsync())[lot].ShouldBe(3, "the void gave the credit back as an entry of its own");
        await using (var db = Database.CreateContext())
        {
            (await db.WalletEntries.OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync())
                .ShouldBe([WalletEntryKind.Issued, WalletEntryKind.Redeemed, WalletEntryKind.Returned]);

            // Every balance recomputed from the entries agrees with what the app shows.
            var lots = await new Data.Billing.Wallet(db).ForClientAsync(clinic.Client.Id, default);
            foreach (var credit in lots)
            {
                (await LeftBySqlAsync())[credit.LotId].ShouldBe(credit.Left);
            }

            // The day's ledger still balances per tender: the credit in, and out again by the void.
            var summary = await new Data.Billing.Ledger(db, TestClinic.Zone, TimeProvider.System).SummarizeAsync(TestClinic.Zone.Today(DateTimeOffset.UtcNow), default);
            summary.ShouldNotBeNull();
        }

        var report = await refunder.GetAsync($"/admin/reports/money?From={TestClinic.Zone.Today(DateTimeOffset.UtcNow):yyyy-MM-dd}&To={TestClinic.Zone.Today(DateTimeOffset.UtcNow):yyyy-MM-dd}&By=day");
        report.Status.ShouldBe(HttpStatusCode.OK, "the money report knows a package line and a package credit");
    }

    [Fact]
    public async Task The_money_report_collects_a_package_once_when_it_is_sold_not_again_when_a_credit_pays_a_visit()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        var id = await DefineAsync(admin, clinic);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        await SellAsync(desk, clinic, id);
        var visit = await VisitInvoiceAsync(desk, clinic);
        var page = await desk.SubmitAsync(await desk.GetAsync(visit), new Dictionary<string, string>(), $"{visit}/credit");
        Text(await desk.FollowAsync(page), "invoice-due").ShouldBe("$0.00");

        var today = TestClinic.Zone.Today(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var report = await admin.GetAsync($"/admin/reports/money?From={today}&To={today}&By=day");
        report.Status.ShouldBe(HttpStatusCode.OK);
        decimal Figure(string figure) => decimal.Parse(
            (report.Document.QuerySelector($"#money-summary tr[data-figure='{figure}'] .current")?.TextContent.Trim()
                ?? throw new ShouldAssertException($"The page shows no {figure} figure.")).Replace('−', '-'),
            System.Globalization.NumberStyles.Currency, System.Globalization.CultureInfo.GetCultureInfo("en-US"));

        // Hand-computed: $900 in cash for the series; the $350 facial paid by one of its credits is no money in.
        Figure("cash").ShouldBe(900m);
        Figure("other").ShouldBe(350m, "the credit used is shown");
        Figure("collected").ShouldBe(900m, "the series' money is collected once, when it is sold");
    }

    [Fact]
    public async Task Another_clients_credit_or_an_unknown_one_is_refused_with_the_reason_and_nothing_is_taken()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        var id = await DefineAsync(admin, clinic);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        await SellAsync(desk, clinic, id);
        var lot = await LotAsync();
        var visit = await VisitInvoiceAsync(desk, clinic);
        var page = await desk.GetAsync(visit);
        var line = page.Document.QuerySelector("#use-credit input[name=LineId]")!.GetAttribute("value")!;

        var unknownLot = await desk.PostAsync(page, $"{visit}/credit", new Dictionary<string, string>
        {
            ["LineId"] = line, ["LotId"] = Guid.NewGuid().ToString(), ["SubmissionId"] = Guid.NewGuid().ToString(),
        });
        unknownLot.Status.ShouldBe(HttpStatusCode.OK);
        unknownLot.Summary.ShouldContain("Choose one of the client's package credits.");

        // The same lot, on a visit of another client: moved there by hand, as a crafted request would try.
        await using (var db = Database.CreateContext())
        {
            var other = new Domain.Clients.Client("Other", "Person", "other.person@example.com", null, DateTimeOffset.UtcNow);
            db.Clients.Add(other);
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE invoices SET client_id = {other.Id} WHERE id = (SELECT invoice_id FROM invoice_lines WHERE id = {lot})");
        }

        var another = await desk.PostAsync(page, $"{visit}/credit", new Dictionary<string, string>
        {
            ["LineId"] = line, ["LotId"] = lot.ToString(), ["SubmissionId"] = Guid.NewGuid().ToString(),
        });
        another.Summary.ShouldContain("That credit is another client's.");
        await using (var db = Database.CreateContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE invoices SET client_id = {clinic.Client.Id} WHERE id = (SELECT invoice_id FROM invoice_lines WHERE id = {lot})");
        }

        await using (var db = Database.CreateContext())
        {
            (await db.LedgerEntries.CountAsync(e => e.Tender == Tender.PackageCredit)).ShouldBe(0);
            (await db.WalletEntries.CountAsync(e => e.Kind == WalletEntryKind.Redeemed)).ShouldBe(0);
        }
    }

    [Fact]
    public async Task Two_desks_taking_the_last_credit_at_the_same_moment_take_turns_on_the_lots_lock_and_the_second_is_told_none_is_left()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        var id = await DefineAsync(admin, clinic, sessions: 1, price: "300");
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        using var otherDesk = await SignedInStaffAsync(Roles.Admin);
        await SellAsync(desk, clinic, id);
        var lot = await LotAsync();
        var first = await VisitInvoiceAsync(desk, clinic);
        var second = await VisitInvoiceAsync(desk, clinic, otherRoom: true);
        var firstPage = await desk.GetAsync(first);
        var secondPage = await otherDesk.GetAsync(second);

        // Another transaction holds the lot's lock while both requests arrive, so both wait for it at once.
        await using var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(47047, hashtext(@lot))", holder))
        {
            take.Parameters.AddWithValue("lot", lot.ToString());
            await take.ExecuteNonQueryAsync();
        }

        var a = Task.Run(() => desk.SubmitAsync(firstPage, new Dictionary<string, string>(), $"{first}/credit"));
        var b = Task.Run(() => otherDesk.SubmitAsync(secondPage, new Dictionary<string, string>(), $"{second}/credit"));
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

        waiting.ShouldBe(2L, "both redemptions wait on the lot's lock");
        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", holder))
        {
            await release.ExecuteNonQueryAsync();
        }

        var answers = await Task.WhenAll(a, b);
        answers.Count(p => p.Status == HttpStatusCode.Redirect).ShouldBe(1);
        var refused = answers.Single(p => p.Status != HttpStatusCode.Redirect);
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Summary.ShouldContain("No credit of Face series of 1 is left (another desk may just have used the last one): nothing was taken.");
        (await LeftBySqlAsync())[lot].ShouldBe(0);
        await using var db = Database.CreateContext();
        (await db.LedgerEntries.CountAsync(e => e.Tender == Tender.PackageCredit)).ShouldBe(1);
    }

    [Fact]
    public async Task The_wallet_is_insert_only_for_the_apps_role()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        var id = await DefineAsync(admin, clinic);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        await SellAsync(desk, clinic, id);

        await using var app = new NpgsqlConnection(Database.ConnectionString);
        await app.OpenAsync();
        foreach (var sql in new[] { "UPDATE wallet_entries SET sessions = 30", "DELETE FROM wallet_entries", "UPDATE package_versions SET price = 1" })
        {
            await using var command = new NpgsqlCommand(sql, app);
            (await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync())).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, sql);
        }
    }
}
