using System.Net;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Security;

/// <summary>
/// Behind nginx on the same machine every request arrives from 127.0.0.1: rate limits must still count
/// each client by the address nginx forwards, and nobody else may choose that address.
/// </summary>
public sealed class ForwardedHeadersTests(WebAppFixture fixture) : WebTest(fixture)
{
    /// <summary>Makes every request arrive from the given address, as a real connection would.</summary>
    private sealed class ArrivesFrom(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }

    private async Task<List<HttpStatusCode>> AskAsync(MicroSpaAppFactory app, string forwardedFor, int times)
    {
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < times; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services");
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        return statuses;
    }

    private MicroSpaAppFactory AppArrivingFrom(string address)
    {
        var app = new MicroSpaAppFactory(Database.ConnectionString);
        app.Settings["RateLimits:PublicApiPerMinute"] = "3";
        app.ExtraServices.Add(services => services.AddSingleton<IStartupFilter>(new ArrivesFrom(IPAddress.Parse(address))));
        return app;
    }

    [Fact]
    public async Task Behind_a_local_balancer_each_forwarded_client_has_its_own_rate_limit()
    {
        await using var app = AppArrivingFrom("127.0.0.1");

        var first = await AskAsync(app, "203.0.113.10", 4);
        var second = await AskAsync(app, "203.0.113.20", 3);

        first.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        second.ShouldAllBe(s => s == HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_client_that_is_not_a_trusted_proxy_cannot_pick_its_rate_limit_bucket()
    {
        await using var app = AppArrivingFrom("198.51.100.7");

        var first = await AskAsync(app, "203.0.113.10", 3);
        var pretending = await AskAsync(app, "203.0.113.20", 1);

        first.ShouldAllBe(s => s == HttpStatusCode.OK);
        pretending.ShouldBe([HttpStatusCode.TooManyRequests]);
    }
}
