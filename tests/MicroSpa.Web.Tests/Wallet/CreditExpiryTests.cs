using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Wallet;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Packages;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static MicroSpa.Web.Tests.Checkout.CheckoutFlows;

namespace MicroSpa.Web.Tests.Wallet;

/// <summary>
/// The wallet's background round (issue 19, decision 057) on two app instances with injected clocks: the client is emailed once,
/// through the outbox, 14 days before their credits end; the day after the last day the credits left get one Expired entry, even
/// with both instances running the round at the same moment.
/// </summary>
public sealed class CreditExpiryTests(WebAppFixture fixture) : WebTest(fixture)
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private WebApplicationFactory<Program> InstanceAt(DateTimeOffset now) =>
        App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedClock(now))));

    private async Task<ExpireCredits.Result> RunAtAsync(DateTimeOffset now)
    {
        await using var instance = InstanceAt(now);
        return await RunAsync(instance);
    }

    private static async Task<ExpireCredits.Result> RunAsync(WebApplicationFactory<Program> instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ExpireCredits.Handler>().RunAsync(CancellationToken.None);
    }

    /// <summary>Runs the round on both instances at once, both made to wait on the lot's lock so they truly overlap.</summary>
    private async Task<ExpireCredits.Result[]> RaceAsync(Guid lot, DateTimeOffset now)
    {
        await using var one = InstanceAt(now);
        await using var two = InstanceAt(now);
        _ = one.Services;
        _ = two.Services;
        await using var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(47047, hashtext(@lot))", holder))
        {
            take.Parameters.AddWithValue("lot", lot.ToString());
            await take.ExecuteNonQueryAsync();
        }

        var a = Task.Run(() => RunAsync(one));
        var b = Task.Run(() => RunAsync(two));
        var waiting = 0L;
        for (var tries = 0; tries < 300 && waiting < 2; tries++)
        {
            await using var count = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'", holder);
            waiting = (long)(await count.ExecuteScalarAsync())!;
            if (waiting < 2)
            {
                await Task.Delay(100);
            }
        }

        waiting.ShouldBe(2L, "both instances wait on the lot's lock");
        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", holder))
        {
            await release.ExecuteNonQueryAsync();
        }

        return await Task.WhenAll(a, b);
    }

    [Fact]
    public async Task The_client_is_emailed_once_14_days_before_the_credits_end_and_the_day_after_they_expire_once_on_two_instances()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        (await admin.SubmitAsync("/admin/packages/new", new Dictionary<string, string>
        {
            ["Form.Name"] = "Face series of 3", ["Form.ServiceIds"] = clinic.Facial.Id.ToString(), ["Form.Sessions"] = "3", ["Form.Price"] = "900", ["Form.ValidityMonths"] = "1",
        })).Status.ShouldBe(HttpStatusCode.Redirect);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        Guid packageId, lot;
        await using (var db = Database.CreateContext())
        {
            packageId = await db.Packages.Select(p => p.Id).SingleAsync();
        }

        var started = await desk.SubmitAsync("/checkout", new Dictionary<string, string> { ["ClientId"] = clinic.Client.Id.ToString() }, "/checkout/walk-in");
        await OnInvoiceAsync(desk, started.Location!, "packages", new() { ["PackageId"] = packageId.ToString() });
        await OnInvoiceAsync(desk, started.Location!, "issue", []);
        await OnInvoiceAsync(desk, started.Location!, "cash", new() { ["CashTendered"] = "900" });
        DateOnly last;
        await using (var db = Database.CreateContext())
        {
            var issued = await db.WalletEntries.SingleAsync(e => e.Kind == WalletEntryKind.Issued);
            (lot, last) = (issued.LotId, issued.ExpiresOn!.Value);
        }

        // Noon in the clinic's zone on a given day.
        DateTimeOffset On(DateOnly day) => TestClinic.Zone.ToInstant(day, new TimeOnly(12, 0))!.Value;

        var early = await RunAtAsync(On(last.AddDays(-15)));
        early.ShouldBe(new ExpireCredits.Result(0, 0), "15 days before the end nobody is told yet");

        var warned = await RaceAsync(lot, On(last.AddDays(-14)));
        warned.Sum(r => r.Warned).ShouldBe(1, "one email though two instances ran the round");
        (await RunAtAsync(On(last.AddDays(-3)))).Warned.ShouldBe(0, "told once");
        await using (var sender = InstanceAt(On(last.AddDays(-14))))
        {
            // The message is due at the instance's time (two weeks ahead of the real clock): sent by an instance living then.
            await using var scope = sender.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<MicroSpa.Web.Features.Reminders.OutboxDispatcher>().DispatchAsync(50, CancellationToken.None);
        }

        var emails = await App.EmailsToAsync(clinic.Client.Email!);
        var email = emails.ShouldHaveSingleItem();
        email.Subject.ShouldContain("your Face series of 3 credits end on");
        email.TextBody.ShouldContain("Your 3 sessions left of Face series of 3 can be used until");

        (await RunAtAsync(On(last))).Expired.ShouldBe(0, "the last day is still a day to use them");
        var expired = await RaceAsync(lot, On(last.AddDays(1)));
        expired.Sum(r => r.Expired).ShouldBe(1);
        (await RunAtAsync(On(last.AddDays(2)))).Expired.ShouldBe(0, "expired once");

        await using (var db = Database.CreateContext())
        {
            var entry = await db.WalletEntries.SingleAsync(e => e.Kind == WalletEntryKind.Expired);
            (entry.Sessions, entry.Amount, entry.ClinicDay).ShouldBe((3, 0m, last.AddDays(1)));
            var left = await db.Database.SqlQuery<long>($"""
                SELECT sum(CASE kind WHEN 'Issued' THEN sessions WHEN 'Returned' THEN sessions ELSE -sessions END) AS "Value" FROM wallet_entries WHERE lot_id = {lot}
                """).SingleAsync();
            left.ShouldBe(0L);
        }

        var profile = await desk.GetAsync($"/front-desk/clients/{clinic.Client.Id}");
        Text(profile, "wallet-credits").ShouldContain("0 of 3 left");
        Text(profile, "wallet-receipts").ShouldContain("Credits expired");
    }
}
