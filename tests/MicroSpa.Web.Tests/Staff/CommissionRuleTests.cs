using System.Globalization;
using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Staff;

/// <summary>The Admin sets a provider's commission rule from a day on (decision 058): checked on its fields, never edited, kept as history.</summary>
public sealed class CommissionRuleTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static string Url(Guid providerId) => $"/admin/staff/commission/{providerId}";

    private static Dictionary<string, string> Form(string services, string retail, string from, bool afterDiscounts = true) => new()
    {
        ["Form.ServicesPercent"] = services, ["Form.RetailPercent"] = retail, ["Form.AfterDiscounts"] = afterDiscounts ? "true" : "false", ["Form.EffectiveFrom"] = from,
    };

    [Theory]
    [InlineData("101", "5", "2027-04-01", "Form_ServicesPercent", "A commission is 0 to 100 %, with at most two decimals.")]
    [InlineData("-1", "5", "2027-04-01", "Form_ServicesPercent", "A commission is 0 to 100 %, with at most two decimals.")]
    [InlineData("abc", "5", "2027-04-01", "Form_ServicesPercent", "Enter a number, such as 0.5 or 0,5.")]
    [InlineData("10", "12.345", "2027-04-01", "Form_RetailPercent", "A commission is 0 to 100 %, with at most two decimals.")]
    [InlineData("10", "", "2027-04-01", "Form_RetailPercent", "Enter the commission on retail (0 if none).")]
    [InlineData("10", "5", "9999-01-01", "Form_EffectiveFrom", "Choose a date between 1 January 1900 and 31 December 2199.")]
    [InlineData("10", "5", "", "Form_EffectiveFrom", "Choose the first day the rule counts, for example 2027-04-01.")]
    [InlineData("10", "5", "2027-02-30", "Form_EffectiveFrom", null)]
    public async Task A_rule_that_cannot_be_one_is_told_on_its_field_with_400_and_nothing_is_saved(string services, string retail, string from, string field, string? message)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var page = await admin.SubmitAsync(Url(clinic.Esthetician.Id), Form(services, retail, from), Url(clinic.Esthetician.Id));

        page.Status.ShouldBe(HttpStatusCode.BadRequest, page.Text);
        var shown = page.FieldMessage(field);
        shown.ShouldNotBeNull(field);
        if (message is not null)
        {
            shown.ShouldBe(message);
        }

        page.Document.GetElementById("no-rules").ShouldNotBeNull("the history still holds no rule");
        await using var db = Database.CreateContext();
        (await db.CommissionRules.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_new_rate_is_a_new_rule_from_its_day_and_the_history_keeps_the_old_ones()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var today = TestClinic.Zone.Today(DateTimeOffset.UtcNow);
        string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var url = Url(clinic.Esthetician.Id);

        foreach (var (services, retail, from) in new[] { ("10", "5", today.AddMonths(-2)), ("12.5", "5", today.AddMonths(-1)), ("15", "5", today.AddMonths(-1)), ("20", "7,5", today.AddDays(10)) })
        {
            var saved = await admin.SubmitAsync(url, Form(services, retail, Iso(from)), url);
            saved.Status.ShouldBe(HttpStatusCode.Redirect, saved.Text);
        }

        // The last form sent again (a double click): no second rule.
        var again = await admin.GetAsync(url);
        (await admin.PostAsync(again, url, Form("20", "7,5", Iso(today.AddDays(10))))).Status.ShouldBe(HttpStatusCode.Redirect);

        var page = await admin.GetAsync(url);
        var rows = page.Document.QuerySelectorAll("#commission-history tbody tr")
            .Select(r => (r.GetAttribute("data-standing"), r.QuerySelector(".services")!.TextContent.Trim(), r.QuerySelector(".retail")!.TextContent.Trim()))
            .ToList();
        rows.ShouldBe([("Upcoming", "20 %", "7.5 %"), ("InEffect", "15 %", "5 %"), ("Replaced", "12.5 %", "5 %"), ("Ended", "10 %", "5 %")],
            "newest first; of two rules from one day the later one written counts");
        page.Document.QuerySelector("input[name='Form.ServicesPercent']")!.GetAttribute("value").ShouldBe("15.00", "the form starts from the rule in effect");

        var list = await admin.GetAsync("/admin/staff/commission");
        list.Status.ShouldBe(HttpStatusCode.OK);
        list.Document.QuerySelector($"tr[data-provider='{clinic.Esthetician.Id}'] .current")!.TextContent.ShouldBe("15 % of services, 5 % of retail, after discounts");
        list.Document.QuerySelector($"tr[data-provider='{clinic.Esthetician.Id}'] .next")!.TextContent.ShouldStartWith("20 % of services, 7.5 % of retail");
        list.Document.QuerySelector($"tr[data-provider='{clinic.OtherEsthetician.Id}'] .current")!.TextContent.ShouldBe("No commission");
        (await admin.GetAsync("/admin/staff")).Document.QuerySelector("a[href='/admin/staff/commission']").ShouldNotBeNull();

        await using var db = Database.CreateContext();
        (await db.CommissionRules.CountAsync()).ShouldBe(4);
        (await db.AuditEntries.CountAsync(a => a.Action == "commission.rule" && a.SubjectId == clinic.Esthetician.Id)).ShouldBe(4);
    }

    [Fact]
    public async Task The_same_rule_posted_eight_times_at_once_is_written_once()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var url = Url(clinic.Esthetician.Id);
        var form = await admin.GetAsync(url);
        var from = TestClinic.Zone.Today(DateTimeOffset.UtcNow).AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // One page's form sent by eight clicks at once: without taking turns each would find no rule from that day and write one.
        var posts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => admin.PostAsync(form, url, Form("11", "4", from))));
        posts.ShouldAllBe(p => p.Status == HttpStatusCode.Redirect);

        await using var db = Database.CreateContext();
        (await db.CommissionRules.CountAsync(r => r.ProviderId == clinic.Esthetician.Id)).ShouldBe(1);
        (await db.AuditEntries.CountAsync(a => a.Action == "commission.rule" && a.SubjectId == clinic.Esthetician.Id)).ShouldBe(1);
        var history = await admin.GetAsync(url);
        history.Document.QuerySelectorAll("#commission-history tbody tr").Length.ShouldBe(1);
    }

    [Fact]
    public async Task An_unknown_provider_is_404_and_only_the_Admin_reaches_the_rules()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using (var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin))
        {
            (await admin.GetAsync(Url(Guid.NewGuid()))).Status.ShouldBe(HttpStatusCode.NotFound);
            var page = await admin.GetAsync(Url(clinic.Esthetician.Id));
            (await admin.PostAsync(page, Url(Guid.NewGuid()), Form("10", "5", "2027-04-01"))).Status.ShouldBe(HttpStatusCode.NotFound);
        }

        foreach (var role in new[] { Roles.Manager, Roles.FrontDesk, Roles.Esthetician })
        {
            using var other = await AccountFlows.SignedInStaffAsync(App, NewSession, role);
            var refused = await other.GetAsync(Url(clinic.Esthetician.Id));
            refused.Status.ShouldBe(HttpStatusCode.Redirect, role);
            refused.Location!.ShouldContain("/account/access-denied");
            using var post = await other.Client.PostAsync(Url(clinic.Esthetician.Id), new FormUrlEncodedContent(Form("10", "5", "2027-04-01")));
            post.StatusCode.ShouldBe(HttpStatusCode.Redirect, role);
            post.Headers.Location!.OriginalString.ShouldContain("/account/access-denied");
        }

        await using var db = Database.CreateContext();
        (await db.CommissionRules.CountAsync()).ShouldBe(0, "nobody but the Admin wrote a rule");
    }
}
