using System.Globalization;
using CsvHelper;
using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Billing;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests;

/// <summary>Commission per provider (decision 058): the Admin sets a rule on the provider's page, then finds the commission in the money report and its CSV.</summary>
public sealed class CommissionJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly CultureInfo UnitedStates = CultureInfo.GetCultureInfo("en-US");

    private static decimal Amount(string text) => decimal.Parse(text.Trim().Replace('−', '-'), NumberStyles.Currency, UnitedStates);

    [Fact]
    public async Task The_Admin_sets_a_providers_rule_and_finds_the_commission_on_the_money_report_and_in_its_CSV()
    {
        var today = TestClinic.Zone.Today(Fixture.Clock.GetUtcNow());
        var month = new DateOnly(today.Year, today.Month, 1);
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var admin = await SignedInAsync(Roles.Admin);

        await admin.GotoAsync("/admin/staff");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Commission rules" }).ClickAsync();
        await admin.WaitForURLAsync("**/admin/staff/commission");
        await admin.AssertNoSeriousViolationsAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Maya Lopez" }).ClickAsync();
        await admin.GetByRole(AriaRole.Heading, new() { Name = "Commission of Maya Lopez" }).WaitForAsync();
        await admin.AssertNoSeriousViolationsAsync();

        // A typo first: told on its field, nothing saved.
        await admin.GetByLabel("Commission on services (%)").FillAsync("101");
        await admin.GetByLabel("Commission on retail (%)").FillAsync("20");
        await admin.GetByLabel("From (the first day whose sales it counts)").FillAsync(month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save the rule" }).ClickAsync();
        await admin.Locator("#Form_ServicesPercent-error").GetByText("A commission is 0 to 100 %, with at most two decimals.").WaitForAsync();
        (await admin.Locator("#no-rules").CountAsync()).ShouldBe(1);
        await admin.AssertNoSeriousViolationsAsync();

        await admin.GetByLabel("Commission on services (%)").FillAsync("10");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save the rule" }).ClickAsync();
        await admin.Locator("#commission-history tr[data-standing='InEffect'] .retail").GetByText("20 %").WaitForAsync();

        // A sale of Maya's this month: two products at 50.00, untaxed, issued and paid today: 20 % of 100.00 is 20.00.
        Guid invoiceId;
        Actor actor;
        await using (var db = Fixture.Database.CreateContext())
        {
            var user = await db.Users.FirstAsync();
            actor = new Actor(user.Id, user.UserName!);
            var kit = new RetailItem("AFTERCARE-KIT", "Aftercare kit", 50.00m);
            db.RetailItems.Add(kit);
            db.StockEntries.Add(StockEntry.Received(kit, 10, user.Id, "Delivery", DateTimeOffset.UtcNow));
            var invoice = Invoice.WalkIn(null, "USD", user.Id, DateTimeOffset.UtcNow);
            invoice.AddRetail(kit, 2, await db.TaxClasses.SingleAsync(t => t.Kind == TaxKind.Retail), clinic.Esthetician.Id);
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync();
            invoiceId = invoice.Id;
        }

        await using (var db = Fixture.Database.CreateContext())
        {
            var ledger = new Ledger(db, TestClinic.Zone, new FixedClock(Fixture.Clock.GetUtcNow()));
            (await ledger.IssueAsync(invoiceId, actor, default)).Status.ShouldBe(LedgerStatus.Done);
            (await ledger.TakePaymentAsync(invoiceId, new TenderInput(Tender.Cash, 100m), Guid.CreateVersion7(), actor, default)).Status.ShouldBe(LedgerStatus.Done);
        }

        await admin.GotoAsync("/admin/reports/money");
        var cell = admin.Locator("#commission tr[data-name='Maya Lopez'] td[data-column='commission'][data-period='current']");
        Amount(await cell.InnerTextAsync()).ShouldBe(20.00m);
        Amount(await admin.Locator("#commission tr[data-name='Maya Lopez'] td[data-column='retail'][data-period='current']").InnerTextAsync()).ShouldBe(100.00m);
        (await admin.Locator("#commission-definition").InnerTextAsync()).ShouldContain("tips and tax earn no commission");
        await admin.AssertNoSeriousViolationsAsync();

        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        var rows = new List<string[]>();
        using (var reader = CsvReader.FromText(await File.ReadAllTextAsync((await download.PathAsync())!), new CsvReaderOptions { HasHeader = false }))
        {
            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
            }
        }

        var column = Array.IndexOf(rows[0], "commission: Maya Lopez");
        column.ShouldBeGreaterThan(0, string.Join(",", rows[0]));
        decimal.Parse(rows.Single(r => r[0] == "Total")[column], CultureInfo.InvariantCulture).ShouldBe(Amount(await cell.InnerTextAsync()), "the CSV holds the page's figure");
    }
}
