using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Tests.Setup;

/// <summary>The Admin publishes the cancellation and payment policy as versions, like the consent text.</summary>
public sealed class PaymentPolicyTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task An_admin_publishes_a_new_version_clients_read_with_the_clinics_fees_filled_in()
    {
        await using (var db = Database.CreateContext())
        {
            (await db.BillingSettings.SingleAsync()).SetPaymentRules(new PaymentRules(false, 12, false, 0, Safeguard.CardOnFile,
                Charge.Create(ChargeKind.Fixed, 40m, "fee"), Charge.Nothing));
            await db.SaveChangesAsync();
        }

        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var page = await admin.GetAsync("/admin/setup/payment-policy");
        page.Document.QuerySelector(".policy-preview")!.TextContent.ShouldContain("A later cancellation costs $40.00; missing your appointment without telling us costs nothing.");

        var published = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Form.Body"] = "Cancel {cancellation_cutoff} ahead or pay {cancellation_fee}." });

        published.Location.ShouldBe("/admin/setup/payment-policy");
        var after = await admin.FollowAsync(published);
        after.Text.ShouldContain("Payment policy version 2 published.");
        after.Document.QuerySelector(".policy-preview")!.TextContent.ShouldBe("Cancel 24 hours ahead or pay $40.00.");
        after.Document.GetElementById("policy-current")!.TextContent.ShouldContain("Version 2 is current");
        await using var check = Database.CreateContext();
        var versions = await check.PaymentPolicyTexts.OrderBy(p => p.Version).ToListAsync();
        versions.Select(v => v.Version).ShouldBe([1, 2]);
        versions[0].Body.ShouldBe(PaymentPolicyText.Version1Body);
        versions[1].PublishedByUserId.ShouldNotBeNull();
        (await check.AuditEntries.SingleAsync(a => a.Action == "money.settings")).Detail.ShouldBe("payment policy version 2 published");
    }

    [Fact]
    public async Task A_bad_or_stale_text_gets_a_message_and_publishes_nothing()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var empty = await admin.SubmitAsync("/admin/setup/payment-policy", new Dictionary<string, string> { ["Form.Body"] = "" });
        empty.Status.ShouldBe(HttpStatusCode.OK);
        empty.FieldMessage("Form_Body").ShouldBe("Write the policy.");
        var unknown = await admin.SubmitAsync("/admin/setup/payment-policy", new Dictionary<string, string> { ["Form.Body"] = "Pay {deposit}." });
        unknown.FieldMessage("Form_Body")!.ShouldStartWith("{deposit} is not a placeholder MicroSpa fills");
        var stale = await admin.SubmitAsync("/admin/setup/payment-policy",
            new Dictionary<string, string> { ["Form.Body"] = "Something new.", ["Form.BasedOnVersion"] = "0" });
        stale.Status.ShouldBe(HttpStatusCode.OK);
        stale.Text.ShouldContain("Version 1 was published while you were editing.");
        var tampered = await admin.SubmitAsync("/admin/setup/payment-policy",
            new Dictionary<string, string> { ["Form.Body"] = "Something new.", ["Form.BasedOnVersion"] = "0.5" });
        tampered.Status.ShouldBe(HttpStatusCode.OK);
        tampered.Document.GetElementById("policy-stale")!.TextContent.ShouldStartWith("This page is out of date", Case.Sensitive, "a version that is not a number is told, not silently refused");

        await using var db = Database.CreateContext();
        (await db.PaymentPolicyTexts.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Only_an_admin_edits_the_policy()
    {
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);

        var page = await desk.GetAsync("/admin/setup/payment-policy");

        page.Status.ShouldBe(HttpStatusCode.Redirect);
        page.Location!.ShouldContain("/account/access-denied");
    }

    [Fact]
    public async Task The_apps_role_cannot_change_or_delete_a_published_version()
    {
        await using var app = new NpgsqlConnection(Database.ConnectionString);
        await app.OpenAsync();
        await using var update = new NpgsqlCommand("UPDATE payment_policy_texts SET body = 'changed' WHERE version = 1", app);

        (await Should.ThrowAsync<PostgresException>(() => update.ExecuteNonQueryAsync())).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        await using var delete = new NpgsqlCommand("DELETE FROM payment_policy_texts", app);
        (await Should.ThrowAsync<PostgresException>(() => delete.ExecuteNonQueryAsync())).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }
}
