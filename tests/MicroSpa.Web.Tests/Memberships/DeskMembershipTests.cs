using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Memberships;
using MicroSpa.Domain.Wallet;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Memberships;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MicroSpa.Web.Tests.Checkout.CheckoutFlows;

namespace MicroSpa.Web.Tests.Memberships;

/// <summary>
/// A membership collected at the desk (issue 19, decision 061): the Admin defines the plan, the desk joins the client from the
/// profile, checkout charges the month owed and its session lands in the wallet; a month later the round opens the next month
/// once on two instances, and a month left unpaid is forfeited when the next one opens: only the current month is ever owed.
/// </summary>
public sealed class DeskMembershipTests(WebAppFixture fixture) : WebTest(fixture)
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private WebApplicationFactory<Program> InstanceAt(DateTimeOffset now) =>
        App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedClock(now))));

    private static async Task<RenewMemberships.Result> RunAsync(WebApplicationFactory<Program> instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RenewMemberships.Handler>().RunAsync(CancellationToken.None);
    }

    private async Task<(TestClinic Clinic, WebSession Desk, Guid MembershipId)> JoinedAsync()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        (await admin.SubmitAsync("/admin/membership-plans", new Dictionary<string, string>
        {
            ["Form.Name"] = "Glow club", ["Form.MonthlyPrice"] = "149", ["Form.SessionsPerMonth"] = "1", ["Form.ServiceIds"] = clinic.Facial.Id.ToString(),
            ["Form.ServiceDiscountPercent"] = "10", ["Form.RetailDiscountPercent"] = "0", ["Form.PauseMonthsPerYear"] = "2", ["Form.CancellationNoticeDays"] = "30",
            ["Form.Collection"] = "Desk",
        })).Status.ShouldBe(HttpStatusCode.Redirect);
        var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var profile = await desk.GetAsync($"/front-desk/clients/{clinic.Client.Id}");
        Text(profile, "wallet-no-membership").ShouldBe("No membership.");
        Guid planId;
        await using (var plans = Database.CreateContext())
        {
            planId = await plans.MembershipPlans.Select(p => p.Id).SingleAsync();
        }

        var joined = await desk.SubmitAsync(profile, new Dictionary<string, string> { ["PlanId"] = planId.ToString() }, "/front-desk/clients/" + clinic.Client.Id + "/memberships");
        joined.Status.ShouldBe(HttpStatusCode.Redirect);
        await using var db = Database.CreateContext();
        return (clinic, desk, await db.Memberships.Select(m => m.Id).SingleAsync());
    }

    [Fact]
    public async Task The_desk_joins_a_client_charges_the_month_at_checkout_and_the_months_session_is_in_the_wallet()
    {
        var (clinic, desk, membershipId) = await JoinedAsync();
        using var _ = desk;
        var profile = await desk.GetAsync($"/front-desk/clients/{clinic.Client.Id}");
        Text(profile, "membership-summary").ShouldContain("Glow club");
        Text(profile, "membership-this-month").ShouldContain("owed");

        var started = await desk.SubmitAsync("/checkout", new Dictionary<string, string> { ["ClientId"] = clinic.Client.Id.ToString() }, "/checkout/walk-in");
        Guid periodId;
        await using (var db = Database.CreateContext())
        {
            periodId = await db.MembershipPeriods.Where(p => p.MembershipId == membershipId).Select(p => p.Id).SingleAsync();
        }

        var invoice = await desk.GetAsync(started.Location!);
        invoice.Document.QuerySelectorAll("form.membership-month").Length.ShouldBe(1, "the month owed is offered at checkout");
        await OnInvoiceAsync(desk, started.Location!, "membership-month", new() { ["MembershipPeriodId"] = periodId.ToString() });
        await OnInvoiceAsync(desk, started.Location!, "issue", []);
        await OnInvoiceAsync(desk, started.Location!, "cash", new() { ["CashTendered"] = "149" });

        await using (var db = Database.CreateContext())
        {
            var month = await db.MembershipPeriods.SingleAsync(p => p.Id == periodId);
            month.State.ShouldBe(PeriodState.Paid);
            var issued = await db.WalletEntries.SingleAsync(e => e.LotId == month.InvoiceLineId && e.Kind == WalletEntryKind.Issued);
            (issued.Sessions, issued.Amount, issued.ExpiresOn).ShouldBe((1, 149m, month.EndsOn.AddDays(-1)));
            var left = await db.Database.SqlQuery<long>($"""
                SELECT sum(CASE kind WHEN 'Issued' THEN sessions WHEN 'Returned' THEN sessions ELSE -sessions END) AS "Value" FROM wallet_entries WHERE lot_id = {month.InvoiceLineId}
                """).SingleAsync();
            left.ShouldBe(1L, "the balance is the sum of the entries");
            (await db.Outbox.CountAsync(m => m.Key == $"membership-joined:{membershipId}")).ShouldBe(1);
        }

        profile = await desk.GetAsync($"/front-desk/clients/{clinic.Client.Id}");
        Text(profile, "membership-this-month").ShouldContain("paid");
        Text(profile, "membership-next-charge").ShouldContain("149");
        Text(profile, "wallet-credits").ShouldContain("Glow club");
        (await desk.GetAsync(started.Location!)).Document.QuerySelectorAll("form.membership-month").Length.ShouldBe(0, "nothing more is owed");
    }

    [Fact]
    public async Task The_round_opens_next_month_once_on_two_instances_and_a_month_left_unpaid_is_forfeited_when_the_next_opens()
    {
        var (clinic, desk, membershipId) = await JoinedAsync();
        using var _ = desk;
        DateOnly started;
        await using (var db = Database.CreateContext())
        {
            started = (await db.Memberships.SingleAsync(m => m.Id == membershipId)).StartedOn;
        }

        DateTimeOffset On(DateOnly day) => TestClinic.Zone.ToInstant(day, new TimeOnly(12, 0))!.Value;
        await using (var one = InstanceAt(On(started.AddMonths(1))))
        await using (var two = InstanceAt(On(started.AddMonths(1))))
        {
            var results = await Task.WhenAll(Task.Run(() => RunAsync(one)), Task.Run(() => RunAsync(two)));
            results.Sum(r => r.Opened).ShouldBe(1, "one month opened though two instances ran the round");
            results.Sum(r => r.Forfeited).ShouldBe(1, "the month joined, never paid, is no longer owed");
        }

        await using (var later = InstanceAt(On(started.AddMonths(1).AddDays(3))))
        {
            (await RunAsync(later)).ShouldBe(new RenewMemberships.Result(0, 0), "opened once");
        }

        await using (var twoMonths = InstanceAt(On(started.AddMonths(2))))
        {
            (await RunAsync(twoMonths)).ShouldBe(new RenewMemberships.Result(1, 1));
        }

        await using (var db = Database.CreateContext())
        {
            var months = await db.MembershipPeriods.Where(p => p.MembershipId == membershipId).OrderBy(p => p.Number).ToListAsync();
            months.Select(m => (m.Number, m.State)).ShouldBe([(0, PeriodState.Forfeited), (1, PeriodState.Forfeited), (2, PeriodState.Due)]);
            months.Count(m => m.State == PeriodState.Due).ShouldBe(1, "only the current month is ever owed");
            (await db.Outbox.CountAsync(m => m.Kind == "membership-due")).ShouldBe(2);
        }

        // The other client of the clinic, never a member, is left alone by the round.
        await using (var db = Database.CreateContext())
        {
            (await db.Memberships.CountAsync(m => m.ClientId != clinic.Client.Id)).ShouldBe(0);
        }
    }
}
