using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Security;

/// <summary>The request log (one line per request) and the security events, read from the captured Serilog events.</summary>
public sealed class RequestLogTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static readonly IPAddress Caller = IPAddress.Parse("203.0.113.45");

    /// <summary>Makes every request arrive from <see cref="Caller"/>, as a real connection would.</summary>
    private sealed class ArrivesFromCaller : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = Caller;
                return following(context);
            });
            next(app);
        };
    }

    /// <summary>The lines logged since, without the quotes Serilog renders around text values.</summary>
    private List<string> LinesAfter(int seen) => [.. App.Log.Lines.Skip(seen).Select(l => l.Replace("\"", string.Empty, StringComparison.Ordinal))];

    [Fact]
    public async Task Each_request_is_one_line_with_method_route_template_status_and_time_and_no_value_from_the_address()
    {
        using var session = NewSession();
        var before = App.Log.Lines.Count;

        (await session.Client.GetAsync("/account/sign-in?returnUrl=%2Ffront-desk%2Fclients%3Fsearch%3DBennett")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await session.Client.GetAsync("/waitlist/offers/SecretOfferToken123");
        (await session.Client.GetAsync("/no-such-page/Bennett")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var lines = LinesAfter(before);
        var requests = lines.Where(l => l.StartsWith("HTTP ", StringComparison.Ordinal)).ToList();
        requests.Count.ShouldBe(3, string.Join("\n", requests));
        requests[0].ShouldMatch(@"^HTTP GET /account/sign-in responded 200 in \d+\.\d ms");
        requests[1].ShouldStartWith("HTTP GET /waitlist/offers/{token} responded ");
        // The unknown address is re-executed as the 404 page: still one line, with the status the visitor got.
        requests[2].ShouldStartWith("HTTP GET /{*path:nonfile} responded 404");
        lines.ShouldAllBe(l => !l.Contains("Bennett") && !l.Contains("SecretOfferToken123"));
    }

    [Fact]
    public async Task Every_refused_access_is_a_security_event_with_the_user_id_and_the_address()
    {
        await using var app = App.WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ArrivesFromCaller>()));
        WebSession Session() => new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var (client, record) = await BookingFlows.SignedInClientAsync(App, Database, Session);
        Guid clientUserId;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            clientUserId = (await users.FindByEmailAsync(record.Email!))!.Id;
        }

        var before = App.Log.Lines.Count;
        using var anonymous = Session();
        (await anonymous.Client.GetAsync("/front-desk")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.Client.GetAsync("/front-desk")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.Client.GetAsync($"/my/appointments/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.Client.PostAsync("/my/preferences", new FormUrlEncodedContent([]))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var events = LinesAfter(before).Where(l => l.StartsWith("Security event", StringComparison.Ordinal)).ToList();
        var expected = new[]
        {
            $"Security event {SecurityEvents.SignInRequired}: GET /front-desk answered 401 for user anonymous from {Caller}",
            $"Security event {SecurityEvents.Forbidden}: GET /front-desk answered 403 for user {clientUserId} from {Caller}",
            $"Security event {SecurityEvents.NotFoundById}: GET /my/appointments/{{id:guid}} answered 404 for user {clientUserId} from {Caller}",
            $"Security event {SecurityEvents.AntiforgeryRefused}: POST /my/preferences answered 400 for user {clientUserId} from {Caller}",
        };
        foreach (var line in expected)
        {
            events.ShouldContain(e => e.StartsWith(line, StringComparison.Ordinal), $"missing: {line}\nfound:\n{string.Join("\n", events)}");
        }

        events.Count.ShouldBe(expected.Length, string.Join("\n", events));
    }

    [Fact]
    public async Task A_lockout_is_a_security_event_with_the_account_and_the_address()
    {
        await using var app = App.WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ArrivesFromCaller>()));
        const string email = "locked@example.com";
        using (await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, email))
        {
        }

        Guid userId;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            userId = (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email))!.Id;
        }

        var before = App.Log.Lines.Count;
        using var guesser = new WebSession(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        for (var i = 0; i < 5; i++)
        {
            await AccountFlows.SignInAsync(guesser, email, "Wrong!Guess" + i);
        }

        LinesAfter(before).ShouldContain(
            l => l.StartsWith($"Security event {SecurityEvents.LockedOut}: POST /account/sign-in answered 200 for user {userId} from {Caller}", StringComparison.Ordinal),
            string.Join("\n", LinesAfter(before)));
        LinesAfter(before).ShouldAllBe(l => !l.Contains(email));
    }
}
