using System.Globalization;
using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Clients;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static MicroSpa.Web.Tests.Checkout.CheckoutFlows;

namespace MicroSpa.Web.Tests.Reports;

/// <summary>
/// Reports off the primary (issue 21): with <c>ConnectionStrings:MicroSpaReadOnly</c> naming the hot standby that
/// scripts/test.sh streams from the test cluster (ensure_standby, port in MICROSPA_TEST_STANDBY), the money report reads
/// the standby: while its replay is paused it shows the figures it has and says "figures as of" the last change it
/// replayed; resumed, it catches up. A standby that cannot be reached is a 503 that says so, and the desk works on.
/// The standby replays the whole test cluster, so scripts/test.sh runs these tests on their own after every other test
/// (<see cref="Phase"/>): under the full suite the other classes' databases kept the standby a minute behind.
/// </summary>
[Trait("Category", Phase)]
public sealed class ReadReplicaTests(WebAppFixture fixture) : WebTest(fixture)
{
    /// <summary>The test category scripts/test.sh runs last and alone.</summary>
    public const string Phase = "Standby";

    private static readonly CultureInfo UnitedStates = CultureInfo.GetCultureInfo("en-US");

    /// <summary>"Host=...;Port=..." of the standby of the test cluster.</summary>
    private static string StandbyAddress =>
        Environment.GetEnvironmentVariable("MICROSPA_TEST_STANDBY") is { Length: > 0 } address
            ? address
            : throw new InvalidOperationException("MICROSPA_TEST_STANDBY is not set: scripts/test.sh makes the standby (ensure_standby) and sets it.");

    private static string OnStandby(string connectionString, string? database = null)
    {
        var standby = new NpgsqlConnectionStringBuilder(StandbyAddress);
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Host = standby.Host, Port = standby.Port, Pooling = false };
        if (database is not null)
        {
            builder.Database = database;
        }

        return builder.ConnectionString;
    }

    private async Task<T> OnStandbyAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(OnStandby(Database.OwnerConnectionString, "postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> PrimaryPositionAsync()
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_current_wal_flush_lsn()::text", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Waits until the standby has replayed everything the primary had flushed when asked: three minutes at most, a wait
    /// for a condition rather than a measure of speed (a run of these tests alone, on a warm machine, takes a second).
    /// </summary>
    private async Task CaughtUpAsync()
    {
        var target = MicroSpa.Web.Infrastructure.ReportingDatabase.Lsn(await PrimaryPositionAsync());
        for (var i = 0; i < 1800; i++)
        {
            if (MicroSpa.Web.Infrastructure.ReportingDatabase.Lsn(await OnStandbyAsync<string>("SELECT pg_last_wal_replay_lsn()::text")) >= target)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new ShouldAssertException("The standby did not catch up with the primary within three minutes.");
    }

    private async Task<(string Email, string Key)> AdminAccountAsync()
    {
        var email = $"owner.{Guid.NewGuid():N}@clinic.test";
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Owner" };
        (await users.CreateAsync(user, AccountFlows.Password)).Succeeded.ShouldBeTrue();
        await users.AddToRoleAsync(user, Roles.Admin);
        return (email, await AccountFlows.TurnOnTwoFactorAsync(users, user));
    }

    private static async Task<WebSession> SignInAsync(WebApplicationFactory<Program> app, (string Email, string Key) admin)
    {
        var session = new WebSession(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var first = await AccountFlows.SignInAsync(session, admin.Email);
        first.Location!.ShouldStartWith("/account/two-factor");
        (await session.SubmitAsync(await session.GetAsync(first.Location), new Dictionary<string, string> { ["Code"] = Totp.Code(admin.Key, DateTimeOffset.UtcNow) }))
            .Status.ShouldBe(HttpStatusCode.Redirect);
        return session;
    }

    private static async Task SellASerumForCashAsync(WebSession desk, RetailItem serum)
    {
        var url = (await desk.SubmitAsync("/checkout", new Dictionary<string, string>(), "/checkout/walk-in")).Location!;
        await OnInvoiceAsync(desk, url, "retail", new() { ["RetailItemId"] = serum.Id.ToString(), ["Quantity"] = "1" });
        await OnInvoiceAsync(desk, url, "issue", []);
        Text(await OnInvoiceAsync(desk, url, "cash", new() { ["CashTendered"] = "40" }), "invoice-state").ShouldContain("Paid");
    }

    private static decimal Net(Page page) =>
        decimal.Parse(
            (page.Document.QuerySelector("#money-summary tr[data-figure='net'] .current")?.TextContent.Trim()
                ?? throw new ShouldAssertException("The page shows no net figure.")).Replace('−', '-'),
            NumberStyles.Currency, UnitedStates);

    /// <summary>
    /// The report once the standby has caught up: shown without a lag line. Other test classes write to the same cluster
    /// meanwhile (a CREATE DATABASE from a template puts the whole template in the WAL), so a loaded machine may leave the
    /// standby behind a report's position for more than the minute the line waits for: asked again (for 20 seconds at most).
    /// </summary>
    private static async Task<Page> CurrentAsync(WebSession desk, string report)
    {
        for (var i = 0; ; i++)
        {
            var page = await desk.GetAsync(report);
            page.Status.ShouldBe(HttpStatusCode.OK);
            if (page.Document.GetElementById("figures-as-of") is null)
            {
                return page;
            }

            i.ShouldBeLessThan(40, "a standby that has caught up shows its report as current");
            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task The_money_report_reads_the_standby_says_how_old_its_figures_are_while_replay_is_paused_and_catches_up()
    {
        await TestClinic.CreateAsync(Database);
        var admin = await AdminAccountAsync();
        RetailItem serum;
        await using (var db = Database.CreateContext())
        {
            serum = new RetailItem("HA-SERUM", "Hyaluronic serum", 24.99m);
            db.RetailItems.Add(serum);
            db.StockEntries.Add(StockEntry.Received(serum, 20, await db.Users.Select(u => u.Id).FirstAsync(), "Delivery", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        await using var app = App.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:MicroSpaReadOnly", OnStandby(Database.ConnectionString)));
        using var desk = await SignInAsync(app, admin);
        // The same standby with the lag line shown at once, not after a minute: the paused standby's last replayed change
        // is seconds old when its report is asked for.
        await using var strict = App.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:MicroSpaReadOnly", OnStandby(Database.ConnectionString))
            .UseSetting("Reporting:LagShownAfter", "00:00:00"));
        // A second Admin: a two-factor code is taken once.
        using var owner = await SignInAsync(strict, await AdminAccountAsync());
        var today = TestClinic.Zone.Today(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var report = $"/admin/reports/money?From={today}&To={today}&By=day";

        await OnStandbyAsync<object>("SELECT pg_wal_replay_resume()");
        try
        {
            await SellASerumForCashAsync(desk, serum);
            await CaughtUpAsync();
            var caughtUp = await CurrentAsync(desk, report);
            var first = Net(caughtUp);
            first.ShouldBeGreaterThan(0m, "the sale reached the standby and the report read it");

            await OnStandbyAsync<object>("SELECT pg_wal_replay_pause()");
            for (var i = 0; await OnStandbyAsync<string>("SELECT pg_get_wal_replay_pause_state()") != "paused"; i++)
            {
                i.ShouldBeLessThan(100, "the standby's replay did not pause within 10 seconds");
                await Task.Delay(100);
            }

            var replayedAt = await OnStandbyAsync<DateTime>("SELECT pg_last_xact_replay_timestamp()");
            await SellASerumForCashAsync(desk, serum);

            var current = await desk.GetAsync(report);
            current.Status.ShouldBe(HttpStatusCode.OK);
            Net(current).ShouldBe(first, "the report reads the paused standby");
            current.Document.GetElementById("figures-as-of").ShouldBeNull("figures seconds old are current to the minute the line would give");

            var behind = await owner.GetAsync(report);
            behind.Status.ShouldBe(HttpStatusCode.OK);
            Net(behind).ShouldBe(first, "the second sale has not been replayed on the standby: the report reads the standby, not the primary");
            var asOf = TestClinic.Zone.ToLocal(new DateTimeOffset(replayedAt, TimeSpan.Zero)).ToString("HH:mm", CultureInfo.InvariantCulture);
            (behind.Document.GetElementById("figures-as-of") ?? throw new ShouldAssertException("A lagging standby's report says nothing of its lag."))
                .TextContent.ShouldContain($"Figures as of {asOf}");

            await OnStandbyAsync<object>("SELECT pg_wal_replay_resume()");
            await CaughtUpAsync();
            var again = await CurrentAsync(desk, report);
            Net(again).ShouldBe(first * 2, "both sales, once the standby replayed the second");
        }
        finally
        {
            await OnStandbyAsync<object>("SELECT pg_wal_replay_resume()");
        }
    }

    [Fact]
    public async Task The_clinic_export_reads_the_standby_and_its_readme_says_up_to_when_while_replay_is_paused()
    {
        await TestClinic.CreateAsync(Database);
        await using var app = App.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:MicroSpaReadOnly", OnStandby(Database.ConnectionString))
            .UseSetting("Reporting:LagShownAfter", "00:00:00"));
        await OnStandbyAsync<object>("SELECT pg_wal_replay_resume()");
        try
        {
            await CaughtUpAsync();
            await OnStandbyAsync<object>("SELECT pg_wal_replay_pause()");
            for (var i = 0; await OnStandbyAsync<string>("SELECT pg_get_wal_replay_pause_state()") != "paused"; i++)
            {
                i.ShouldBeLessThan(100, "the standby's replay did not pause within 10 seconds");
                await Task.Delay(100);
            }

            var email = $"late.{Guid.NewGuid():N}@example.com";
            await using (var db = Database.CreateContext())
            {
                db.Clients.Add(new Client("Late", "Arrival", email, null, DateTimeOffset.UtcNow));
                await db.SaveChangesAsync();
            }

            await using var scope = app.Services.CreateAsyncScope();
            var output = new MemoryStream();
            await scope.ServiceProvider.GetRequiredService<MicroSpa.Web.Features.ClinicExport.ClinicArchive.Handler>()
                .WriteAsync(output, (_, _) => Task.CompletedTask, CancellationToken.None);
            output.Position = 0;
            using var zip = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Read);
            string Read(string name)
            {
                using var reader = new StreamReader(zip.GetEntry(name)!.Open());
                return reader.ReadToEnd();
            }

            var clients = Read("clients.csv");
            clients.ShouldContain("test.client@example.com", Case.Insensitive, "the clinic's client replayed before the pause is in the export");
            clients.ShouldNotContain(email, Case.Insensitive, "a client added after the pause is not on the standby: the export read the standby");
            Read("README.md").ShouldContain("Read from the reporting standby, which had replayed the clinic's changes up to");
            Read("online_checkouts.csv").Split('\n')[0].ShouldNotContain("url", Case.Sensitive, "live payment links stay out of the export");
        }
        finally
        {
            await OnStandbyAsync<object>("SELECT pg_wal_replay_resume()");
        }
    }

    [Fact]
    public async Task The_reports_session_on_the_standby_runs_without_JIT_and_with_room_to_sort_while_the_primary_keeps_its_settings()
    {
        await using var app = App.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:MicroSpaReadOnly", OnStandby(Database.ConnectionString)));
        await using var scope = app.Services.CreateAsyncScope();
        var reporting = scope.ServiceProvider.GetRequiredService<MicroSpa.Web.Infrastructure.ReportingDatabase>();
        var db = await reporting.OpenAsync(CancellationToken.None);
        async Task<string> Setting(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database, string name) =>
            await database.SqlQueryRaw<string>("SELECT current_setting({0}) AS \"Value\"", name).SingleAsync();

        reporting.ReadFromStandby.ShouldBeTrue();
        (await Setting(db.Database, "jit")).ShouldBe("off", "JIT compiled the reports' statements for longer than they ran (decision 063)");
        (await Setting(db.Database, "work_mem")).ShouldBe("64MB");
        var primary = scope.ServiceProvider.GetRequiredService<MicroSpa.Data.MicroSpaDbContext>();
        (await Setting(primary.Database, "work_mem")).ShouldNotBe("64MB", "the desk's connection keeps the server's settings");
    }

    [Fact]
    public async Task A_read_only_string_that_names_a_primary_reads_it_as_current_not_as_a_standby_catching_up_for_ever()
    {
        await TestClinic.CreateAsync(Database);
        var admin = await AdminAccountAsync();
        await using var app = App.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:MicroSpaReadOnly", Database.ConnectionString)
            .UseSetting("Reporting:LagShownAfter", "00:00:00"));
        using var desk = await SignInAsync(app, admin);

        var report = await desk.GetAsync("/admin/reports/money");

        report.Status.ShouldBe(HttpStatusCode.OK);
        report.Document.GetElementById("figures-as-of").ShouldBeNull("a primary has nothing to catch up with");
    }

    [Fact]
    public async Task A_standby_that_cannot_be_reached_makes_the_reports_a_503_that_says_so_and_the_desk_works_on()
    {
        var admin = await AdminAccountAsync();
        var unreachable = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Host = "127.0.0.1", Port = 1, Timeout = 2 }.ConnectionString;
        await using var app = App.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:MicroSpaReadOnly", unreachable));
        using var desk = await SignInAsync(app, admin);

        var report = await desk.GetAsync("/admin/reports/money");

        report.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        report.Text.ShouldContain("reporting database, which cannot be reached right now");
        (await desk.GetAsync("/checkout")).Status.ShouldBe(HttpStatusCode.OK);
        (await desk.GetAsync("/admin/reports")).Status.ShouldBe(HttpStatusCode.OK, "the index reads no figures");
    }
}
