using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace MicroSpa.StripeStandIn;

/// <summary>Where events go and how they are signed: StandIn:WebhookUrl and StandIn:WebhookSecret (a whsec_ value), as a Stripe endpoint has.</summary>
public sealed class WebhookOptions
{
    public string? WebhookUrl { get; set; }
    public string WebhookSecret { get; set; } = "whsec_standin";
    public string ApiVersion { get; set; } = "2026-10-28.endive";
}

/// <summary>
/// Events, as Stripe makes and delivers them: kept for <c>GET /v1/events</c>, posted to the endpoint with a
/// <c>Stripe-Signature</c> header (<c>t=…,v1=HMAC-SHA256(secret, "t.payload")</c>), retried while the endpoint fails.
/// Tests may hold deliveries (a webhook that never comes) and send an event again (a duplicate, or late).
/// </summary>
public sealed class Webhooks(WebhookOptions options, IHttpClientFactory http, ILogger<Webhooks> logger) : BackgroundService
{
    private readonly Channel<string> _outbox = Channel.CreateUnbounded<string>();
    private readonly Lock _lock = new();
    private readonly List<JsonObject> _events = [];
    private readonly List<string> _held = [];
    private bool _holding;

    public IReadOnlyList<JsonObject> Events
    {
        get
        {
            lock (_lock)
            {
                return _events.Select(e => (JsonObject)e.DeepClone()).ToList();
            }
        }
    }

    public void Queue(string type, JsonObject subject, JsonObject? previous, long now)
    {
        var data = new JsonObject { ["object"] = subject };
        if (previous is not null)
        {
            data["previous_attributes"] = previous;
        }

        var evt = new JsonObject
        {
            ["id"] = Store.NewId("evt"),
            ["object"] = "event",
            ["api_version"] = options.ApiVersion,
            ["created"] = now,
            ["data"] = data,
            ["livemode"] = false,
            ["pending_webhooks"] = options.WebhookUrl is null ? 0 : 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
        };
        lock (_lock)
        {
            _events.Add(evt);
            if (_holding)
            {
                _held.Add((string)evt["id"]!);
                return;
            }
        }

        _outbox.Writer.TryWrite((string)evt["id"]!);
    }

    /// <summary>Holds deliveries from now (true) or lets them go, held ones first (false).</summary>
    public void Hold(bool hold)
    {
        List<string> release;
        lock (_lock)
        {
            _holding = hold;
            release = hold ? [] : [.. _held];
            if (!hold)
            {
                _held.Clear();
            }
        }

        foreach (var id in release)
        {
            _outbox.Writer.TryWrite(id);
        }
    }

    /// <summary>Delivers an event again (Stripe redelivers on failure and may deliver twice).</summary>
    public bool Resend(string id)
    {
        lock (_lock)
        {
            if (_events.All(e => (string?)e["id"] != id))
            {
                return false;
            }
        }

        return _outbox.Writer.TryWrite(id);
    }

    public static string Sign(string secret, long timestamp, string payload)
    {
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(signature)}";
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var id in _outbox.Reader.ReadAllAsync(stoppingToken))
        {
            JsonObject? evt;
            lock (_lock)
            {
                evt = _events.FirstOrDefault(e => (string?)e["id"] == id);
            }

            if (evt is null || options.WebhookUrl is not { } url)
            {
                continue;
            }

            var payload = evt.ToJsonString();
            for (var attempt = 1; attempt <= 5 && !stoppingToken.IsCancellationRequested; attempt++)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
                    request.Headers.TryAddWithoutValidation("Stripe-Signature", Sign(options.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), payload));
                    request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
                    using var response = await http.CreateClient("webhooks").SendAsync(request, stoppingToken);
                    if (response.IsSuccessStatusCode)
                    {
                        break;
                    }

                    logger.LogWarning("Webhook {EventId} ({Type}) answered {Status} (attempt {Attempt})", id, (string?)evt["type"], (int)response.StatusCode, attempt);
                }
                catch (HttpRequestException e)
                {
                    logger.LogWarning("Webhook {EventId} not delivered (attempt {Attempt}): {Error}", id, attempt, e.Message);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), stoppingToken);
            }
        }
    }
}
