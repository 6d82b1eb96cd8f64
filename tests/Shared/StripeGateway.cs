using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace MicroSpa.Tests.Shared;

/// <summary>
/// The Stripe an app under test talks to: the stand-in process (decision 036) on loopback, its secret key and address
/// in the app's settings (Payments:Stripe), and its signed webhooks passed on, byte for byte with their
/// Stripe-Signature, to the app's own endpoint (an in-memory test server cannot be called from another process, so a
/// small relay in the test process receives them and posts them to the app). The app's answer goes back to the
/// stand-in, which retries a failed delivery as Stripe does.
/// </summary>
public sealed class StripeGateway : IAsyncDisposable
{
    private readonly WebApplication _relay;
    private Func<HttpClient>? _app;

    private StripeGateway(WebApplication relay, StripeStandInProcess standIn)
    {
        _relay = relay;
        StandIn = standIn;
    }

    public StripeStandInProcess StandIn { get; }

    /// <summary>Webhooks the relay passed on and the status the app answered, in order of arrival.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(string Body, int Status)> Delivered { get; } = new();

    /// <summary>Starts the stand-in signing with <paramref name="webhookSecret"/> (the app's Payments:Stripe:WebhookSecret).</summary>
    public static async Task<StripeGateway> StartAsync(string webhookSecret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var relay = builder.Build();
        StripeGateway? gateway = null;
        relay.MapPost("/webhook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            if (gateway?._app is not { } app)
            {
                // No app yet: Stripe retries.
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            using var client = app();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/payments/stripe/webhook")
            {
                Content = new StringContent(body, new MediaTypeHeaderValue("application/json")),
            };
            request.Headers.TryAddWithoutValidation("Stripe-Signature", context.Request.Headers["Stripe-Signature"].ToString());
            using var answer = await client.SendAsync(request);
            gateway.Delivered.Enqueue((body, (int)answer.StatusCode));
            return Results.StatusCode((int)answer.StatusCode);
        });
        await relay.StartAsync();
        try
        {
            var standIn = await StripeStandInProcess.StartAsync($"{relay.Urls.First()}/webhook", webhookSecret);
            gateway = new StripeGateway(relay, standIn);
            return gateway;
        }
        catch
        {
            await relay.DisposeAsync();
            throw;
        }
    }

    /// <summary>The settings that point an app at this gateway.</summary>
    public void Configure(IDictionary<string, string?> settings)
    {
        settings["Payments:Stripe:SecretKey"] = StripeStandInProcess.ApiKey;
        settings["Payments:Stripe:ApiBase"] = StandIn.Url;
        settings["Payments:Stripe:WebhookSecret"] = StandIn.WebhookSecret;
    }

    /// <summary>Where webhooks go from now on: a client of the app under test.</summary>
    public void DeliverTo(Func<HttpClient> app) => _app = app;

    /// <summary>Stripe.net on the test's side (to look at what the app did, or to act as the client's bank).</summary>
    public Stripe.StripeClient Client() => new(StripeStandInProcess.ApiKey, apiBase: StandIn.Url);

    /// <summary>The stand-in's own controls (/_standin/…): hold webhooks, release them, resend one, open a dispute, expire due sessions.</summary>
    public async Task ControlAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(StandIn.Url) };
        using var answer = await http.PostAsync($"/_standin/{path.TrimStart('/')}", null);
        answer.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await StandIn.DisposeAsync();
        await _relay.DisposeAsync();
    }
}
