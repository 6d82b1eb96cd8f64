using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Tests.Products;

/// <summary>Retail products: the Admin keeps the range and prices, the desk keeps the stock; stock is a sum of entries.</summary>
public sealed class ProductTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static Dictionary<string, string> Product(string name, string sku, string price, string low = "3") => new()
    {
        ["Form.Name"] = name,
        ["Form.Sku"] = sku,
        ["Form.Price"] = price,
        ["Form.LowStockThreshold"] = low,
    };

    private async Task<Guid> AddAsync(WebSession admin, string name, string sku, string price)
    {
        (await admin.SubmitAsync("/products/new", Product(name, sku, price))).Location.ShouldBe("/products");
        await using var db = Database.CreateContext();
        return await db.RetailItems.Where(i => i.Sku == sku.ToUpperInvariant()).Select(i => i.Id).SingleAsync();
    }

    private static string? Cell(Page page, string sku, string selector) =>
        page.Document.QuerySelector($"tr[data-sku='{sku}'] {selector}")?.TextContent.Trim();

    [Fact]
    public async Task An_admin_adds_a_product_with_a_comma_price_and_the_desk_sees_it_low_until_stock_comes_in()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var serum = await AddAsync(admin, "Hyaluronic serum 30 ml", "ha-30", "64,50");

        var list = await desk.GetAsync("/products");

        list.Status.ShouldBe(HttpStatusCode.OK);
        Cell(list, "HA-30", "td")!.ShouldBe("Hyaluronic serum 30 ml", "the desk reads the name, it does not edit it");
        Cell(list, "HA-30", ".on-hand").ShouldBe("0");
        Cell(list, "HA-30", ".low-stock").ShouldBe("Low stock");
        list.Text.ShouldContain("$64.50");
        list.Text.ShouldContain("Retail products (0 %)");
        list.Document.QuerySelector("a[href='/products/new']").ShouldBeNull();

        var received = await desk.SubmitAsync($"/products/{serum}/stock", new Dictionary<string, string> { ["Receive.Quantity"] = "12", ["Receive.Reason"] = "Delivery 118" },
            $"/products/{serum}/stock/receive");

        received.Location.ShouldBe($"/products/{serum}/stock");
        var after = await desk.GetAsync("/products");
        Cell(after, "HA-30", ".on-hand").ShouldBe("12");
        Cell(after, "HA-30", ".low-stock").ShouldBeNull();

        var changed = await admin.SubmitAsync($"/products/{serum}", Product("Hyaluronic serum 30 ml", "HA-30", "69.00", "5"));
        changed.Location.ShouldBe("/products");
        await using var db = Database.CreateContext();
        var item = await db.RetailItems.SingleAsync(i => i.Id == serum);
        item.Price.ShouldBe(69.00m);
        item.LowStockThreshold.ShouldBe(5);
        (await db.AuditEntries.CountAsync(a => a.Action == "money.product" && a.SubjectId == serum)).ShouldBe(2);
    }

    [Fact]
    public async Task A_sku_is_unique_whatever_its_case_with_a_message_on_the_field_and_postgresql_refuses_a_second_one()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        await AddAsync(admin, "Mineral sunscreen SPF 50", "SPF-50", "38");
        var kit = await AddAsync(admin, "Aftercare kit", "KIT-1", "45");

        var duplicate = await admin.SubmitAsync("/products/new", Product("Sunscreen again", "spf-50", "38"));
        var renamed = await admin.SubmitAsync($"/products/{kit}", Product("Aftercare kit", "Spf-50", "45"));
        var bad = await admin.SubmitAsync("/products/new", Product("", "HAS SPACE", "-3", "-1"));
        var absurd = await admin.SubmitAsync("/products/new", Product("Gold serum", "GOLD", "1000000"));

        duplicate.Status.ShouldBe(HttpStatusCode.OK);
        duplicate.FieldMessage("Form_Sku").ShouldBe("Another product already has this SKU.");
        renamed.FieldMessage("Form_Sku").ShouldBe("Another product already has this SKU.");
        bad.FieldMessage("Form_Name").ShouldBe("Enter the product's name.");
        absurd.FieldMessage("Form_Price").ShouldBe("An amount above 100,000 is refused: check the figure.");
        await using var db = Database.CreateContext();
        (await db.RetailItems.CountAsync()).ShouldBe(2);
        (await db.RetailItems.SingleAsync(i => i.Id == kit)).Sku.ShouldBe("KIT-1");

        // Two Admins saving the same SKU at once: the unique index decides.
        var raw = new RetailItem("KIT-1", "Raced kit", 45m);
        db.RetailItems.Add(raw);
        var error = await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        error.InnerException.ShouldBeOfType<PostgresException>().SqlState.ShouldBe(PostgresErrorCodes.UniqueViolation);
    }

    [Fact]
    public async Task The_desk_receives_counts_and_writes_off_and_on_hand_is_the_sum_of_the_entries()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var serum = await AddAsync(admin, "Peptide serum", "PEP-15", "52");
        var stock = $"/products/{serum}/stock";

        await desk.SubmitAsync(stock, new Dictionary<string, string> { ["Receive.Quantity"] = "10" }, $"{stock}/receive");
        var counted = await desk.SubmitAsync(stock, new Dictionary<string, string> { ["Count.Counted"] = "7", ["Count.Reason"] = "Monthly count" }, $"{stock}/count");
        var noReason = await desk.SubmitAsync(stock, new Dictionary<string, string> { ["WriteOff.Quantity"] = "1", ["WriteOff.Reason"] = " " }, $"{stock}/write-off");
        var zero = await desk.SubmitAsync(stock, new Dictionary<string, string> { ["Receive.Quantity"] = "0" }, $"{stock}/receive");
        var words = await desk.SubmitAsync(stock, new Dictionary<string, string> { ["Count.Counted"] = "seven" }, $"{stock}/count");
        var writtenOff = await desk.SubmitAsync(stock, new Dictionary<string, string> { ["WriteOff.Quantity"] = "1", ["WriteOff.Reason"] = "Dropped, broken" }, $"{stock}/write-off");

        counted.Location.ShouldBe(stock);
        writtenOff.Location.ShouldBe(stock);
        noReason.FieldMessage("WriteOff_Reason").ShouldBe("Say why the stock is written off.");
        zero.FieldMessage("Receive_Quantity").ShouldBe("The quantity is 1 to 10000.");
        words.FieldMessage("Count_Counted").ShouldNotBeNull();
        var page = await desk.GetAsync(stock);
        page.Document.QuerySelector(".on-hand")!.TextContent.ShouldBe("6");
        var rows = page.Document.QuerySelectorAll(".stock-entries tbody tr").Select(r => r.TextContent).ToList();
        rows.Count.ShouldBe(3);
        rows[0].ShouldContain("Written off");
        rows[0].ShouldContain("-1");
        rows[0].ShouldContain("Dropped, broken");
        rows[1].ShouldContain("Counted (7 found)");
        rows[1].ShouldContain("-3");
        rows[1].ShouldContain("Monthly count");
        rows[2].ShouldContain("+10");
        rows.ShouldAllBe(r => r.Contains("FrontDesk"), "each entry says who");

        await using var db = Database.CreateContext();
        var entries = await db.StockEntries.Where(e => e.RetailItemId == serum).ToListAsync();
        entries.Sum(e => e.QuantityChange).ShouldBe(6);
        entries.Single(e => e.Kind == StockEntryKind.Counted).CountedQuantity.ShouldBe(7);
        (await db.AuditEntries.CountAsync(a => a.Action == "money.stock" && a.SubjectId == serum)).ShouldBe(3);
    }

    [Fact]
    public async Task Counting_the_same_shelf_twice_at_once_still_leaves_the_count()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var serum = await AddAsync(admin, "Peptide serum", "PEP-15", "52");
        var stock = $"/products/{serum}/stock";
        await desk.SubmitAsync(stock, new Dictionary<string, string> { ["Receive.Quantity"] = "10" }, $"{stock}/receive");
        var page = await desk.GetAsync(stock);

        var posts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => desk.SubmitAsync(page, new Dictionary<string, string> { ["Count.Counted"] = "4" }, $"{stock}/count")));

        posts.ShouldAllBe(p => p.Status == HttpStatusCode.Redirect);
        await using var db = Database.CreateContext();
        (await db.StockEntries.Where(e => e.RetailItemId == serum).SumAsync(e => e.QuantityChange)).ShouldBe(4);
    }

    [Fact]
    public async Task A_retired_product_is_marked_its_stock_no_longer_changes_and_the_domain_will_not_sell_it()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var kit = await AddAsync(admin, "Aftercare kit", "KIT-1", "45");
        var stockPage = await desk.GetAsync($"/products/{kit}/stock");

        var retired = await admin.SubmitAsync("/products", new Dictionary<string, string> { ["active"] = "false" }, $"/products/{kit}/active");
        var receive = await desk.SubmitAsync(stockPage, new Dictionary<string, string> { ["Receive.Quantity"] = "5" }, $"/products/{kit}/stock/receive");

        retired.Location.ShouldBe("/products");
        receive.Status.ShouldBe(HttpStatusCode.OK);
        receive.Text.ShouldContain("Aftercare kit is retired: reinstate it before changing its stock.");
        (await desk.GetAsync("/products")).Document.QuerySelector("tr[data-sku='KIT-1']")!.TextContent.ShouldContain("Retired");
        await using var db = Database.CreateContext();
        (await db.StockEntries.CountAsync(e => e.RetailItemId == kit)).ShouldBe(0);
        var item = await db.RetailItems.SingleAsync(i => i.Id == kit);
        var invoice = Invoice.WalkIn(null, "USD", Guid.NewGuid(), DateTimeOffset.UtcNow);
        Should.Throw<DomainException>(() => invoice.AddRetail(item, 1, new TaxClass(TaxKind.Retail, "Retail", 0m), null))
            .Message.ShouldBe("Aftercare kit is retired and no longer sold.");
    }

    [Fact]
    public async Task The_desk_does_not_change_prices_and_an_unknown_product_is_not_found()
    {
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);

        var form = await desk.GetAsync("/products/new");
        var missing = await desk.GetAsync($"/products/{Guid.NewGuid()}/stock");

        form.Location!.ShouldContain("/account/access-denied");
        missing.Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
