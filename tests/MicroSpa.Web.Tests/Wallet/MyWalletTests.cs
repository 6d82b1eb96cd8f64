using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MicroSpa.Web.Tests.Checkout.CheckoutFlows;

namespace MicroSpa.Web.Tests.Wallet;

/// <summary>
/// My wallet (issue 19): the client's credits per package with the expiry and a receipt line per wallet entry (bought, used,
/// refunded), the same block on the desk's profile; every balance shown is recomputed here from the entries by SQL.
/// </summary>
public sealed class MyWalletTests(WebAppFixture fixture) : WebTest(fixture)
{
    private Task<WebSession> SignedInStaffAsync(string role) => AccountFlows.SignedInStaffAsync(App, NewSession, role);

    private sealed record LotLeft(Guid LotId, long Left, DateOnly ExpiresOn, string Name);

    /// <summary>Each lot's sessions left summed by SQL from the entries (not by the app), with its expiry and package name.</summary>
    private async Task<List<LotLeft>> LeftBySqlAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Database.SqlQuery<LotLeft>($"""
            SELECT w.lot_id, sum(CASE w.kind WHEN 'Issued' THEN w.sessions WHEN 'Returned' THEN w.sessions ELSE -w.sessions END) AS "left",
                   max(w.expires_on) AS expires_on, max(v.name) AS name
            FROM wallet_entries w JOIN invoice_lines l ON l.id = w.lot_id JOIN package_versions v ON v.id = l.package_version_id
            GROUP BY w.lot_id
            """).ToListAsync();
    }

    [Fact]
    public async Task The_client_sees_credits_left_with_the_expiry_and_a_receipt_per_entry_the_desk_the_same_and_every_balance_adds_up_from_the_entries()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        (await session.GetAsync("/my/wallet")).Text.ShouldContain("No package bought.");

        using var admin = await SignedInStaffAsync(Roles.Admin);
        foreach (var (name, sessions) in new[] { ("Face series of 3", "3"), ("Face series of 6", "6") })
        {
            (await admin.SubmitAsync("/admin/packages/new", new Dictionary<string, string>
            {
                ["Form.Name"] = name, ["Form.ServiceIds"] = clinic.Facial.Id.ToString(), ["Form.Sessions"] = sessions, ["Form.Price"] = "900", ["Form.ValidityMonths"] = "12",
            })).Status.ShouldBe(HttpStatusCode.Redirect);
        }

        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        await using (var db = Database.CreateContext())
        {
            foreach (var package in await db.PackageVersions.Select(v => v.PackageId).ToListAsync())
            {
                var started = await desk.SubmitAsync("/checkout", new Dictionary<string, string> { ["ClientId"] = client.Id.ToString() }, "/checkout/walk-in");
                await OnInvoiceAsync(desk, started.Location!, "packages", new() { ["PackageId"] = package.ToString() });
                await OnInvoiceAsync(desk, started.Location!, "issue", []);
                await OnInvoiceAsync(desk, started.Location!, "cash", new() { ["CashTendered"] = "900" });
            }
        }

        var lots = await LeftBySqlAsync();
        var three = lots.Single(l => l.Name == "Face series of 3").LotId;
        var page = await admin.GetAsync($"/front-desk/clients/{client.Id}/packages/{three}/refund");
        (await admin.SubmitAsync(page, new Dictionary<string, string> { ["Form.Tender"] = "cash", ["Form.Reason"] = "Moving away" })).Status.ShouldBe(HttpStatusCode.Redirect);

        var mine = await session.GetAsync("/my/wallet");
        mine.Status.ShouldBe(HttpStatusCode.OK);
        var profile = await desk.GetAsync($"/front-desk/clients/{client.Id}");
        var culture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        foreach (var shown in new[] { mine, profile })
        {
            var rows = shown.Document.QuerySelectorAll("#wallet-credits tbody tr").Select(r => r.TextContent).ToList();
            rows.Count.ShouldBe(2);
            foreach (var lot in await LeftBySqlAsync())
            {
                var row = rows.Single(r => r.Contains(lot.Name, StringComparison.Ordinal));
                row.ShouldContain($"{lot.Left} of {(lot.Name.EndsWith('3') ? 3 : 6)} left", customMessage: "the balance shown is the entries' sum");
                row.ShouldContain(lot.ExpiresOn.ToString("d", culture));
            }

            var receipts = shown.Document.QuerySelectorAll("#wallet-receipts tbody tr").Select(r => r.QuerySelector(".receipt-what")!.TextContent).ToList();
            receipts.ShouldBe(["Unused credits refunded", "Bought", "Bought"]);
            Text(shown, "wallet-receipts").ShouldContain("$900.00");
        }

        await using var check = Database.CreateContext();
        (await check.WalletEntries.CountAsync()).ShouldBe(3, "one receipt line per wallet entry");
        (await check.LedgerEntries.CountAsync(e => e.Kind == EntryKind.Refund)).ShouldBe(1);
    }

    [Fact]
    public async Task My_wallet_is_the_clients_own_and_staff_are_not_let_in()
    {
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var denied = await desk.GetAsync("/my/wallet");
        denied.Status.ShouldBe(HttpStatusCode.Redirect);
        denied.Location!.ShouldContain("/account/access-denied");
    }
}
