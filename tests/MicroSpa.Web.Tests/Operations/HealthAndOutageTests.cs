using System.Net;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Tests.Operations;

public sealed class HealthAndOutageTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task Live_and_ready_answer_200_when_the_database_is_up()
    {
        using var client = App.CreateClient();

        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");

        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task While_the_database_is_down_pages_say_temporarily_unavailable_and_it_recovers_by_itself()
    {
        var target = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        await using var proxy = new TcpProxy(target.Host!, target.Port);
        proxy.Start();
        var throughProxy = new NpgsqlConnectionStringBuilder(Database.ConnectionString)
        {
            Host = "127.0.0.1", Port = proxy.Port, Timeout = 3,
        };
        await TestClinic.CreateAsync(Database);
        await using var app = new MicroSpaAppFactory(throughProxy.ConnectionString);
        using var session = new WebSession(app.CreateClient(new() { AllowAutoRedirect = false }));
        (await session.GetAsync("/")).Status.ShouldBe(HttpStatusCode.OK);

        proxy.Stop();

        var down = await session.GetAsync("/");
        down.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        down.Text.ShouldContain("Temporarily unavailable");
        (await session.Client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await session.Client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var problem = await session.Client.GetAsync("/");
        problem.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        problem.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        proxy.Start();

        var recovered = await PollAsync(async () => (await session.GetAsync("/")).Status == HttpStatusCode.OK);
        recovered.ShouldBeTrue("the app did not recover within 20 seconds of the database returning");
        (await session.Client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_app_starts_while_the_database_is_unreachable()
    {
        var nowhere = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Host = "127.0.0.1", Port = 1, Timeout = 2 };
        await using var app = new MicroSpaAppFactory(nowhere.ConnectionString);
        using var session = new WebSession(app.CreateClient(new() { AllowAutoRedirect = false }));

        (await session.Client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await session.Client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        // Even the sign-in form needs the database: its antiforgery token is signed with keys kept in PostgreSQL.
        var signIn = await session.GetAsync("/account/sign-in");
        signIn.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        signIn.Text.ShouldContain("Temporarily unavailable");
    }

    [Fact]
    public async Task Bookings_while_the_database_goes_away_answer_503_never_500_or_a_hang_and_every_confirmed_one_is_kept()
    {
        var target = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        await using var proxy = new TcpProxy(target.Host!, target.Port);
        proxy.Start();
        var throughProxy = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 };
        var clinic = await TestClinic.CreateAsync(Database);
        var callers = Enumerable.Range(0, 24).Select(i => new Domain.Clients.Client($"Caller{i}", "Outage", $"outage{i}@example.com", null, DateTimeOffset.UtcNow)).ToList();
        await using (var db = Database.CreateContext())
        {
            db.Clients.AddRange(callers);
            await db.SaveChangesAsync();
        }

        await using var app = new MicroSpaAppFactory(throughProxy.ConnectionString);
        WebSession Quick()
        {
            // A hang would show as a timeout here, well before the default 100 seconds.
            var client = app.CreateClient(new() { AllowAutoRedirect = false });
            client.Timeout = TimeSpan.FromSeconds(30);
            return new WebSession(client);
        }

        using var desk = await AccountFlows.SignedInStaffAsync(app, Quick, Data.Identity.Roles.FrontDesk);
        var form = await desk.GetAsync($"/front-desk/book?clientId={callers[0].Id}&serviceId={clinic.Facial.Id}&areaIds={clinic.Cheeks.Id}&date={TestClinic.Day:yyyy-MM-dd}");
        form.Status.ShouldBe(HttpStatusCode.OK);

        // 24 bookings that could all succeed (two providers, twelve hours), sent over two seconds; the database
        // goes away as soon as the first one is confirmed.
        var firstConfirmed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = callers.Select((caller, i) => Task.Run(async () =>
        {
            await Task.Delay(i * 80);
            var page = await desk.PostAsync(form, "/front-desk/book", new Dictionary<string, string>
            {
                ["ClientId"] = caller.Id.ToString(), ["ServiceId"] = clinic.Facial.Id.ToString(), ["AreaIds"] = clinic.Cheeks.Id.ToString(),
                ["ProviderId"] = (i % 2 == 0 ? clinic.Esthetician : clinic.OtherEsthetician).Id.ToString(),
                ["start"] = Features.Shared.TimeGrid.Format(TestClinic.At(8 + (i / 2))),
            });
            if (page.Location?.StartsWith("/front-desk/appointments/", StringComparison.Ordinal) == true)
            {
                firstConfirmed.TrySetResult();
            }

            return page;
        })).ToList();
        await firstConfirmed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        proxy.Stop();
        var answers = await Task.WhenAll(attempts);
        proxy.Start();

        answers.ShouldAllBe(a => a.Status == HttpStatusCode.Redirect || a.Status == HttpStatusCode.ServiceUnavailable);
        answers.Count(a => a.Status == HttpStatusCode.ServiceUnavailable).ShouldBeGreaterThan(0, "the outage came too late to test anything");
        var confirmed = answers.Where(a => a.Location?.StartsWith("/front-desk/appointments/", StringComparison.Ordinal) == true)
            .Select(a => Guid.Parse(a.Location!.Split('/')[3])).ToList();
        confirmed.ShouldNotBeEmpty("the outage came too early to test anything");
        await using var check = Database.CreateContext();
        var stored = await check.Appointments.Select(a => a.Id).ToListAsync();
        confirmed.ShouldAllBe(id => stored.Contains(id));
        (await PollAsync(async () => (await desk.GetAsync("/front-desk")).Status == HttpStatusCode.OK)).ShouldBeTrue("the app did not serve again without a restart");
    }

    private static async Task<bool> PollAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(500);
        }

        return false;
    }
}
