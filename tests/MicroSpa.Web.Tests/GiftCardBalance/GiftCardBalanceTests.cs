using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.GiftCardBalance;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using MicroSpa.Web.Tests.Wallet;
using Microsoft.AspNetCore.Mvc.Testing;
using static MicroSpa.Web.Tests.Checkout.CheckoutFlows;

namespace MicroSpa.Web.Tests.GiftCardBalance;

/// <summary>The gift card balance lookup (decision 048): anyone with a code reads what is left; a wrong code tells nothing; rate limited.</summary>
public sealed class GiftCardBalanceTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static Task<Page> CheckAsync(WebSession visitor, string code) =>
        visitor.SubmitAsync("/gift-cards/balance", new Dictionary<string, string> { ["Code"] = code }, "/gift-cards/balance");

    [Fact]
    public async Task A_visitor_with_the_code_reads_what_is_left_and_a_wrong_code_gets_the_same_answer_whatever_it_is()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var (code, _) = await GiftCardTests.SellAsync(desk, clinic, "100");
        using var visitor = NewSession();

        var page = await CheckAsync(visitor, code.ToLowerInvariant());
        page.Status.ShouldBe(HttpStatusCode.OK);
        var shown = Text(page, "gift-card-balance");
        shown.ShouldContain($"ending {code[^4..]}");
        shown.ShouldContain("$100.00 left, with no expiry");
        page.Text.ShouldNotContain(code, customMessage: "the code is not echoed back");

        // Part of it paid for a visit: the lookup reads the entries as they stand.
        var appointment = await clinic.BookAsync(Database, TestClinic.SoonToday());
        await TestClinic.GiveIntakeAsync(Database, appointment.Id);
        await CompleteAsync(desk, appointment.Id);
        var visit = await CheckOutAsync(desk, appointment.Id);
        await OnInvoiceAsync(desk, visit, "issue", []);
        await OnInvoiceAsync(desk, visit, "gift-card", new() { ["GiftCardCode"] = code, ["GiftCardAmount"] = "60" });
        Text(await CheckAsync(visitor, code), "gift-card-balance").ShouldContain("$40.00 left");

        var unknown = await CheckAsync(visitor, "0000-0000-0000-0000-0000");
        var malformed = await CheckAsync(visitor, "hello");
        var almost = await CheckAsync(visitor, code[..^1] + (code[^1] == '0' ? '1' : '0'));
        foreach (var wrong in new[] { unknown, malformed, almost })
        {
            wrong.Status.ShouldBe(HttpStatusCode.OK);
            wrong.FieldMessage("Code").ShouldBe(CheckGiftCardBalance.NotFound);
            wrong.Document.GetElementById("gift-card-balance").ShouldBeNull();
        }

        (await CheckAsync(visitor, "")).FieldMessage("Code").ShouldBe("Enter the code on the gift card.");
        var huge = await CheckAsync(visitor, new string('A', 5000));
        huge.Status.ShouldBe(HttpStatusCode.OK);
        huge.FieldMessage("Code").ShouldBe(CheckGiftCardBalance.NotFound);
    }

    [Fact]
    public async Task Lookups_above_the_limit_from_one_address_are_answered_429_with_a_problem_body()
    {
        await using var limited = App.WithWebHostBuilder(b => b.UseSetting("RateLimits:GiftCardLookupPerMinute", "3"));
        using var visitor = new WebSession(limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        for (var i = 0; i < 3; i++)
        {
            (await CheckAsync(visitor, "0000-0000-0000-0000-0000")).Status.ShouldBe(HttpStatusCode.OK);
        }

        var refused = await CheckAsync(visitor, "0000-0000-0000-0000-0000");
        refused.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Text.ShouldContain("Too many requests");
        (await visitor.GetAsync("/gift-cards/balance")).Status.ShouldBe(HttpStatusCode.OK, "reading the page is not a guess");
    }
}
