using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Plans;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MicroSpa.Web.Tests.Checkout.CheckoutFlows;

namespace MicroSpa.Web.Tests.Wallet;

/// <summary>
/// A treatment plan beside the wallet (issue 19): the plan page offers the package that pays for the sessions left, the
/// desk's checkout suggests it, and once sold the plan, the checkout and the client's My appointments show the credits
/// beside the sessions left.
/// </summary>
public sealed class PlanPackageTests(WebAppFixture fixture) : WebTest(fixture)
{
    private Task<WebSession> SignedInStaffAsync(string role) => AccountFlows.SignedInStaffAsync(App, NewSession, role);

    [Fact]
    public async Task The_plan_offers_the_smallest_package_paying_for_its_sessions_left_the_desk_is_told_and_once_sold_credits_show_beside_sessions()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (client, clientRecord) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        using var session = client;
        using var admin = await SignedInStaffAsync(Roles.Admin);
        foreach (var (name, sessions, price) in new[] { ("Face series of 2", "2", "600"), ("Face series of 3", "3", "850"), ("Face series of 6", "6", "1600") })
        {
            (await admin.SubmitAsync("/admin/packages/new", new Dictionary<string, string>
            {
                ["Form.Name"] = name, ["Form.ServiceIds"] = clinic.Facial.Id.ToString(), ["Form.Sessions"] = sessions, ["Form.Price"] = price, ["Form.ValidityMonths"] = "12",
            })).Status.ShouldBe(HttpStatusCode.Redirect);
        }

        Guid planId;
        await using (var db = Database.CreateContext())
        {
            var builder = new PlanBuilder(db, clinic);
            var owner = await builder.ExistingClientAsync(clientRecord.Id);
            var plan = await builder.PlanAsync(owner, Indication.AcneScars, TestClinic.Zone.Today(DateTimeOffset.UtcNow).AddDays(-30), 4);
            await builder.SessionAsync(plan, owner, TestClinic.Zone.Today(DateTimeOffset.UtcNow).AddDays(-30));
            planId = plan.Id;
        }

        using var nurse = await SignedInStaffAsync(Roles.Nurse);
        var before = await nurse.GetAsync($"/provider/plans/{planId}");
        Text(before, "plan-wallet").ShouldContain("3 sessions left in the series · 0 prepaid credits for this service");
        Text(before, "plan-offer").ShouldContain("Face series of 3: 3 sessions for $850.00", customMessage: "the smallest package that pays for all 3");

        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var sale = (await desk.SubmitAsync("/checkout", new Dictionary<string, string> { ["ClientId"] = clientRecord.Id.ToString() }, "/checkout/walk-in")).Location!;
        var draft = await desk.GetAsync(sale);
        Text(draft, "plan-suggests").ShouldContain("Face series of 3");
        Text(draft, "plan-suggests").ShouldContain("The client's treatment plan has 3 sessions left and no credit to pay for them.");
        var three = await PackageIdAsync("Face series of 3");
        draft.Document.QuerySelector("#PackageId option[selected]")!.GetAttribute("value").ShouldBe(three.ToString(), "the suggested package is the one chosen");

        var page = await OnInvoiceAsync(desk, sale, "packages", new() { ["PackageId"] = three.ToString() });
        page.Document.GetElementById("plan-suggests").ShouldBeNull("a package already on the invoice is not suggested again");
        await OnInvoiceAsync(desk, sale, "issue", []);
        Text(await OnInvoiceAsync(desk, sale, "cash", new() { ["CashTendered"] = "850" }), "invoice-due").ShouldBe("$0.00");

        var after = await nurse.GetAsync($"/provider/plans/{planId}");
        Text(after, "plan-wallet").ShouldContain("3 sessions left in the series · 3 prepaid credits for this service: Face series of 3, 3 left until");
        after.Document.GetElementById("plan-offer").ShouldBeNull("the credits pay for every session left");
        var next = (await desk.SubmitAsync("/checkout", new Dictionary<string, string> { ["ClientId"] = clientRecord.Id.ToString() }, "/checkout/walk-in")).Location!;
        (await desk.GetAsync(next)).Document.GetElementById("plan-suggests").ShouldBeNull("nothing left to pay for");
        var mine = await session.GetAsync("/my/appointments");
        mine.Document.QuerySelector(".plan-credits")!.TextContent.ShouldContain("3 sessions left · 3 prepaid credits");

        await using var check = Database.CreateContext();
        var issued = await check.WalletEntries.Where(e => e.Kind == Domain.Wallet.WalletEntryKind.Issued).SumAsync(e => e.Sessions);
        issued.ShouldBe(3, "the credits shown are the wallet's entries");
        (await check.InvoiceLines.CountAsync(l => l.Kind == LineKind.Package)).ShouldBe(1);
    }

    [Fact]
    public async Task A_plan_with_more_sessions_left_than_credits_offers_a_package_for_the_rest_and_a_finished_series_offers_none()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await SignedInStaffAsync(Roles.Admin);
        (await admin.SubmitAsync("/admin/packages/new", new Dictionary<string, string>
        {
            ["Form.Name"] = "Face series of 2", ["Form.ServiceIds"] = clinic.Facial.Id.ToString(), ["Form.Sessions"] = "2", ["Form.Price"] = "600", ["Form.ValidityMonths"] = "12",
        })).Status.ShouldBe(HttpStatusCode.Redirect);
        using var desk = await SignedInStaffAsync(Roles.FrontDesk);
        var sale = (await desk.SubmitAsync("/checkout", new Dictionary<string, string> { ["ClientId"] = clinic.Client.Id.ToString() }, "/checkout/walk-in")).Location!;
        await OnInvoiceAsync(desk, sale, "packages", new() { ["PackageId"] = (await PackageIdAsync("Face series of 2")).ToString() });
        await OnInvoiceAsync(desk, sale, "issue", []);
        await OnInvoiceAsync(desk, sale, "cash", new() { ["CashTendered"] = "600" });

        Guid running, finished;
        await using (var db = Database.CreateContext())
        {
            var builder = new PlanBuilder(db, clinic);
            var owner = await builder.ExistingClientAsync(clinic.Client.Id);
            var today = TestClinic.Zone.Today(DateTimeOffset.UtcNow);
            running = (await builder.PlanAsync(owner, Indication.AcneScars, today.AddDays(-10), 6)).Id;
            var done = await builder.PlanAsync(owner, Indication.WrinklesAndFineLines, today.AddDays(-60), 1);
            await builder.SessionAsync(done, owner, today.AddDays(-60));
            finished = done.Id;
        }

        using var nurse = await SignedInStaffAsync(Roles.Nurse);
        var page = await nurse.GetAsync($"/provider/plans/{running}");
        Text(page, "plan-wallet").ShouldContain("6 sessions left in the series · 2 prepaid credits for this service: Face series of 2, 2 left until");
        Text(page, "plan-offer").ShouldContain("Face series of 2: 2 sessions for $600.00", customMessage: "no package pays for all 4 unpaid: the largest there is");
        var maintenance = await nurse.GetAsync($"/provider/plans/{finished}");
        maintenance.Document.GetElementById("plan-offer").ShouldBeNull("a finished series has no sessions left to sell");
    }

    private async Task<Guid> PackageIdAsync(string name)
    {
        await using var db = Database.CreateContext();
        return await db.PackageVersions.Where(v => v.Name == name).Select(v => v.PackageId).SingleAsync();
    }
}
