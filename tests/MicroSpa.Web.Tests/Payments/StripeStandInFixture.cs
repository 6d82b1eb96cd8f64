using System.Collections.Concurrent;
using MicroSpa.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Stripe;

namespace MicroSpa.Web.Tests.Payments;

/// <summary>The stand-in gateway as its own process, delivering its webhooks to an endpoint of the test's that keeps what arrived.</summary>
public sealed class StripeStandInFixture : IAsyncLifetime
{
    private WebApplication? _receiver;

    public StripeStandInProcess StandIn { get; private set; } = null!;

    /// <summary>Every webhook delivery, as it arrived: the raw body and its Stripe-Signature header.</summary>
    public ConcurrentQueue<(string Body, string Signature)> Deliveries { get; } = new();

    public StripeClient Client(string? apiKey = null) => new(apiKey ?? StripeStandInProcess.ApiKey, apiBase: StandIn.Url);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/webhook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            Deliveries.Enqueue((await reader.ReadToEndAsync(), context.Request.Headers["Stripe-Signature"].ToString()));
            return Results.Ok();
        });
        await _receiver.StartAsync();
        StandIn = await StripeStandInProcess.StartAsync($"{_receiver.Urls.First()}/webhook");
    }

    /// <summary>The first delivered event of this type about this object, verified as MicroSpa will verify it; waits for it up to 20 s.</summary>
    public async Task<Event> DeliveredAsync(string type, string objectId)
    {
        for (var waited = 0; waited < 200; waited++)
        {
            foreach (var (body, signature) in Deliveries)
            {
                var verified = EventUtility.ConstructEvent(body, signature, StandIn.WebhookSecret);
                if (verified.Type == type && body.Contains($"\"id\":\"{objectId}\"", StringComparison.Ordinal))
                {
                    return verified;
                }
            }

            await Task.Delay(100);
        }

        throw new ShouldAssertException($"No {type} webhook for {objectId} arrived; arrived: {string.Join(", ", Deliveries.Select(d => EventUtility.ParseEvent(d.Body).Type))}");
    }

    public async Task DisposeAsync()
    {
        await StandIn.DisposeAsync();
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }
}
