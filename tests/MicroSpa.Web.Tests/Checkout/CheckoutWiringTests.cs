using System.Security.Claims;
using MicroSpa.Data.Billing;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Checkout;

/// <summary>What the checkout pages stand on: the clinic's currency from configuration, the ledger in DI, and who may do what with money.</summary>
public sealed class CheckoutWiringTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static ClaimsPrincipal Staff(params string[] roles) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim("amr", "mfa"), .. roles.Select(r => new Claim(ClaimTypes.Role, r))],
        "test"));

    private async Task<bool> AllowedAsync(ClaimsPrincipal user, string policy)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(user, policy)).Succeeded;
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("XYZ")]
    [InlineData("DOLLARS")]
    public async Task The_app_refuses_to_start_with_a_currency_that_is_not_an_ISO_4217_code_and_says_which_setting(string currency)
    {
        // An app of its own, not one derived from the lent app (a derived one once failed its start with the lent app's
        // disposed service provider instead of the validation message).
        await using var app = new MicroSpaAppFactory(Database.ConnectionString);
        app.Settings["Clinic:Currency"] = currency;

        Should.Throw<Exception>(() => app.CreateClient()).ToString().ShouldContain("Clinic:Currency must be an ISO 4217 currency code");
    }

    [Fact]
    public async Task Amounts_carry_the_configured_currency_and_are_written_with_its_symbol_only_when_the_culture_uses_it()
    {
        await using (var euro = App.WithWebHostBuilder(builder => builder.UseSetting("Clinic:Currency", "EUR")))
        {
            var money = euro.Services.GetRequiredService<ClinicMoney>();
            money.Of(12.5m).Currency.ShouldBe("EUR");
            money.Format(1234.5m).ShouldBe("1,234.50 EUR");
        }

        var dollars = App.Services.GetRequiredService<ClinicMoney>();
        dollars.Currency.ShouldBe("USD");
        dollars.Format(1234.5m).ShouldBe("$1,234.50");
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Ledger>().ShouldNotBeNull();
    }

    [Fact]
    public async Task Checkout_is_for_the_desk_and_the_Admin_refunds_for_the_Admin_until_the_clinic_grants_them_to_the_desk()
    {
        (await AllowedAsync(Staff(Roles.FrontDesk), Policies.Checkout)).ShouldBeTrue();
        (await AllowedAsync(Staff(Roles.Admin), Policies.Checkout)).ShouldBeTrue();
        (await AllowedAsync(Staff(Roles.Esthetician), Policies.Checkout)).ShouldBeFalse();
        (await AllowedAsync(Staff(Roles.Esthetician, Roles.FrontDesk), Policies.Checkout)).ShouldBeTrue("a clinician who is also desk staff");

        (await AllowedAsync(Staff(Roles.Admin), Policies.Refund)).ShouldBeTrue();
        (await AllowedAsync(Staff(Roles.FrontDesk), Policies.Refund)).ShouldBeFalse();
        (await AllowedAsync(Staff(Roles.Nurse), Policies.Refund)).ShouldBeFalse();
        (await AllowedAsync(Staff(Roles.FrontDesk), Policies.DiscountAboveLimit)).ShouldBeFalse();
        (await AllowedAsync(Staff(Roles.Admin), Policies.DiscountAboveLimit)).ShouldBeTrue();

        await using (var db = Database.CreateContext())
        {
            (await db.BillingSettings.SingleAsync()).LetFrontDeskRefund(true);
            await db.SaveChangesAsync();
        }

        (await AllowedAsync(Staff(Roles.FrontDesk), Policies.Refund)).ShouldBeTrue();
        (await AllowedAsync(Staff(Roles.Nurse), Policies.Refund)).ShouldBeFalse();
    }
}
