using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Payments;
using MicroSpa.Tests.Shared;
using Microsoft.Playwright;
using Stripe;

namespace MicroSpa.Browser.Tests;

/// <summary>The Admin's payment pages (issue 18): the payment policy, and a dispute the stand-in's bank opens on a deposit, listed and opened with its evidence.</summary>
public sealed class PaymentAdminJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_admin_reads_the_payment_policy_and_a_disputed_deposit_with_its_evidence()
    {
        var clinic = await TestClinic.CreateAsync(Fixture.Database);
        var visit = await clinic.BookAsync(Fixture.Database, TestClinic.At(10));
        var stripe = Fixture.Stripe.Client();
        var customer = await new CustomerService(stripe).CreateAsync(new CustomerCreateOptions { Email = clinic.Client.Email });
        var intent = await new PaymentIntentService(stripe).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 5000, Currency = "usd", Customer = customer.Id, PaymentMethod = "pm_card_visa", Confirm = true,
        });
        await using (var db = Fixture.Database.CreateContext())
        {
            db.OnlinePayments.Add(new OnlinePayment(intent.Id, OnlinePurpose.Deposit, clinic.Client.Id, visit.Id, null, new Money(50m, "USD"),
                null, intent.LatestChargeId, "visa", "4242", DateTimeOffset.UtcNow.AddDays(-1)));
            db.PolicyAcceptances.Add(new PolicyAcceptance(clinic.Client.Id, visit.Id, 1, "A deposit of $50.00 is taken when you book; it counts toward your visit.",
                DateTimeOffset.UtcNow.AddDays(-1), "203.0.113.7", "Mozilla/5.0 (iPhone)"));
            await db.SaveChangesAsync();
        }

        var admin = await SignedInAsync(Roles.Admin);
        await admin.GotoAsync("/admin/setup/payment-policy");
        (await admin.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).ShouldBe("Cancellation and payment policy");
        (await admin.Locator("#policy-current").InnerTextAsync()).ShouldStartWith("Version 1 is current");
        await admin.GetByRole(AriaRole.Heading, new() { Name = "What clients read now" }).WaitForAsync();
        await admin.AssertNoSeriousViolationsAsync();

        await Fixture.Stripe.ControlAsync($"charges/{intent.LatestChargeId}/dispute");
        await admin.GotoAsync("/admin/disputes");
        // The case opens when the stand-in's signed charge.dispute.created reaches the app; the Admin reloads until it is listed.
        for (var tries = 0; await admin.Locator("#disputes").CountAsync() == 0 && tries < 100; tries++)
        {
            await admin.ReloadAsync();
        }

        var row = admin.Locator("#disputes tbody tr");
        (await row.CountAsync()).ShouldBe(1);
        var cells = await row.Locator("td").AllInnerTextsAsync();
        (cells[1], cells[3]).ShouldBe(("$50.00", $"{clinic.Client.FirstName} {clinic.Client.LastName}"));
        await admin.AssertNoSeriousViolationsAsync();

        await row.Locator("a").ClickAsync();
        await admin.WaitForURLAsync("**/admin/disputes/dp_*");
        (await admin.Locator("#dispute-title").InnerTextAsync()).ShouldStartWith("Dispute of $50.00, opened ");
        (await admin.Locator("#evidence-payment").InnerTextAsync()).ShouldContain("4242");
        var policy = await admin.Locator("#evidence-policy").InnerTextAsync();
        policy.ShouldContain("203.0.113.7");
        policy.ShouldContain("Mozilla/5.0 (iPhone)");
        (await admin.Locator("#evidence-pdf").InnerTextAsync()).ShouldBe("Download the evidence packet (PDF)");
        await admin.AssertNoSeriousViolationsAsync();
    }
}
