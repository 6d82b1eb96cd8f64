using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Setup;

/// <summary>The Admin sets the tax rates (services and retail apart) and the desk's discount limit in clinic setup.</summary>
public sealed class MoneySettingsTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static Dictionary<string, string> Money(string services, string retail, string limit) => new()
    {
        ["Money.ServicesTaxPercent"] = services,
        ["Money.RetailTaxPercent"] = retail,
        ["Money.DiscountLimitPercent"] = limit,
    };

    [Fact]
    public async Task An_admin_sets_the_tax_rates_with_a_comma_or_a_point_and_the_discount_limit()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var saved = await admin.SubmitAsync("/admin/setup", Money("0", "8,875", "15.5"), "/admin/setup/money");

        saved.Location.ShouldBe("/admin/setup");
        await using var db = Database.CreateContext();
        (await db.TaxClasses.SingleAsync(t => t.Kind == TaxKind.Services)).RatePercent.ShouldBe(0m);
        (await db.TaxClasses.SingleAsync(t => t.Kind == TaxKind.Retail)).RatePercent.ShouldBe(8.875m);
        (await db.BillingSettings.SingleAsync()).DiscountLimitPercent.ShouldBe(15.5m);
        (await db.AuditEntries.CountAsync(a => a.Action == "money.settings")).ShouldBe(1);
        var page = await admin.GetAsync("/admin/setup");
        page.Document.GetElementById("Money_RetailTaxPercent")!.GetAttribute("value").ShouldBe("8.875");
    }

    [Fact]
    public async Task Bad_rates_get_a_message_on_their_field_and_nothing_is_saved()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var page = await admin.SubmitAsync("/admin/setup", Money("6", "-1", "120"), "/admin/setup/money");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.FieldMessage("Money_RetailTaxPercent").ShouldBe("The tax rate is 0 to 30 %, with at most three decimals.");
        page.FieldMessage("Money_DiscountLimitPercent").ShouldBe("The discount limit is 0 to 100 %, with at most two decimals.");
        page.FieldMessage("Money_ServicesTaxPercent").ShouldBeNull();
        var unreadable = await admin.SubmitAsync("/admin/setup", Money("1,234.5", "8.8755", ""), "/admin/setup/money");
        unreadable.FieldMessage("Money_ServicesTaxPercent").ShouldNotBeNull();
        unreadable.FieldMessage("Money_RetailTaxPercent").ShouldBe("The tax rate is 0 to 30 %, with at most three decimals.");
        unreadable.FieldMessage("Money_DiscountLimitPercent").ShouldBe("Enter the largest discount the desk may give.");
        await using var db = Database.CreateContext();
        (await db.TaxClasses.Select(t => t.RatePercent).ToListAsync()).ShouldAllBe(r => r == 0m, "the services rate was valid but its form was refused");
        (await db.BillingSettings.SingleAsync()).DiscountLimitPercent.ShouldBe(20m);
    }
}
