using System.Net;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Infrastructure;
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
