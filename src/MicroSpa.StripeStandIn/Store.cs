using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace MicroSpa.StripeStandIn;

/// <summary>
/// Everything the stand-in remembers, as Stripe's objects (JSON in Stripe's shapes), behind one lock: a test
/// gateway sees a few requests a second. Each change that Stripe would announce queues its event.
/// </summary>
public sealed class Store(Webhooks webhooks, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);

    /// <summary>Payment method id → the test card behind it (Stripe keeps the number; the API never shows it).</summary>
    private readonly Dictionary<string, TestCard> _cards = new(StringComparer.Ordinal);

    private readonly Dictionary<string, (string Fingerprint, int Status, string Body)> _idempotent = new(StringComparer.Ordinal);

    private long _sequence;

    public long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    public static string NewId(string prefix) => $"{prefix}_test_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";

    /// <summary>A POST answered before under this key is answered the same way; the key with other parameters is an error (as Stripe does).</summary>
    public (int Status, string Body)? Replay(string? key, string fingerprint)
    {
        if (key is null)
        {
            return null;
        }

        lock (_lock)
        {
            if (!_idempotent.TryGetValue(key, out var earlier))
            {
                return null;
            }

            return earlier.Fingerprint == fingerprint
                ? (earlier.Status, earlier.Body)
                : throw new StripeError(400, "idempotency_error",
                    $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.");
        }
    }

    public void Remember(string? key, string fingerprint, int status, string body)
    {
        if (key is null)
        {
            return;
        }

        lock (_lock)
        {
            _idempotent.TryAdd(key, (fingerprint, status, body));
        }
    }

    public JsonObject Get(string id, string kind) => Read(() => _objects.TryGetValue(id, out var found) && (string?)found["object"] == kind
        ? (JsonObject)found.DeepClone()
        : throw new StripeError(404, "invalid_request_error", $"No such {kind.Replace("checkout.", string.Empty, StringComparison.Ordinal).Replace('_', ' ')}: '{id}'", "resource_missing", "id"));

    public IReadOnlyList<JsonObject> All(string kind, Func<JsonObject, bool> where) =>
        Read(() => _objects.Values.Where(o => (string?)o["object"] == kind && where(o)).OrderByDescending(o => (long?)o["created"]).Select(o => (JsonObject)o.DeepClone()).ToList());

    /// <summary>Events newest first, as <c>GET /v1/events</c> lists them.</summary>
    public IReadOnlyList<JsonObject> Events(string? type) => Enumerable.Reverse(webhooks.Events.Where(e => type is null || (string?)e["type"] == type).ToList()).ToList();

    public T Write<T>(Func<T> change)
    {
        lock (_lock)
        {
            return change();
        }
    }

    private T Read<T>(Func<T> read)
    {
        lock (_lock)
        {
            return read();
        }
    }

    internal JsonObject Add(JsonObject value)
    {
        _objects[(string)value["id"]!] = value;
        return value;
    }

    /// <summary>The live objects of a kind (inside <see cref="Write{T}"/>), as a list the caller may change them through.</summary>
    internal List<JsonObject> LiveAll(string kind) => [.. _objects.Values.Where(o => (string?)o["object"] == kind)];

    /// <summary>A number that grows with each call: the order of things made in the same second.</summary>
    internal long NextSequence() => ++_sequence;

    internal JsonObject Live(string id, string kind) =>
        _objects.TryGetValue(id, out var found) && (string?)found["object"] == kind
            ? found
            : throw new StripeError(404, "invalid_request_error", $"No such {kind}: '{id}'", "resource_missing", "id");

    internal TestCard CardOf(string paymentMethodId) => _cards[paymentMethodId];

    internal void Announce(string type, JsonObject subject, JsonObject? previous = null) => webhooks.Queue(type, (JsonObject)subject.DeepClone(), previous, Now);

    internal JsonObject NewPaymentMethod(TestCard card, int expMonth, int expYear, string? customer)
    {
        var method = Add(new JsonObject
        {
            ["id"] = NewId("pm"),
            ["object"] = "payment_method",
            ["type"] = "card",
            ["card"] = new JsonObject
            {
                ["brand"] = card.Brand, ["last4"] = card.Last4, ["exp_month"] = expMonth, ["exp_year"] = expYear,
                ["funding"] = "credit", ["country"] = "US",
            },
            ["billing_details"] = new JsonObject(),
            ["customer"] = customer,
            ["created"] = Now,
            ["livemode"] = false,
            ["metadata"] = new JsonObject(),
        });
        _cards[(string)method["id"]!] = card;
        if (customer is not null)
        {
            Announce("payment_method.attached", method);
        }

        return method;
    }

    /// <summary>
    /// Charges a payment method for a payment intent: succeeded with its charge, or declined (the intent back to
    /// requires_payment_method with its last_payment_error), announcing either.
    /// </summary>
    internal JsonObject Charge(JsonObject intent, string paymentMethodId, bool offSession)
    {
        var card = CardOf(paymentMethodId);
        var method = Live(paymentMethodId, "payment_method");
        intent["payment_method"] = paymentMethodId;
        var expired = new DateTimeOffset((int)method["card"]!["exp_year"]!, (int)method["card"]!["exp_month"]!, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1) <= clock.GetUtcNow();
        var declined = expired || card.Behaviour is CardBehaviour.Declines or CardBehaviour.AttachesThenDeclines
            || (offSession && card.Behaviour is CardBehaviour.AsksForAuthentication);
        if (declined)
        {
            var (code, decline, message) = expired
                ? ("expired_card", "expired_card", "Your card has expired.")
                : offSession && card.Behaviour is CardBehaviour.AsksForAuthentication
                    ? ("authentication_required", "authentication_required", "Your card was declined. This transaction requires authentication.")
                    : ("card_declined", "generic_decline", "Your card was declined.");
            intent["status"] = "requires_payment_method";
            intent["last_payment_error"] = new JsonObject
            {
                ["type"] = "card_error", ["code"] = code, ["decline_code"] = decline, ["message"] = message,
                ["payment_method"] = method.DeepClone(),
            };
            Announce("payment_intent.payment_failed", intent);
            throw new StripeError(402, "card_error", message, code, declineCode: decline) { PaymentIntent = (JsonObject)intent.DeepClone() };
        }

        var amount = (long)intent["amount"]!;
        var charge = Add(new JsonObject
        {
            ["id"] = NewId("ch"),
            ["object"] = "charge",
            ["amount"] = amount,
            ["amount_captured"] = amount,
            ["amount_refunded"] = 0L,
            ["captured"] = true,
            ["currency"] = intent["currency"]?.DeepClone(),
            ["customer"] = intent["customer"]?.DeepClone(),
            ["paid"] = true,
            ["refunded"] = false,
            ["disputed"] = false,
            ["status"] = "succeeded",
            ["payment_intent"] = intent["id"]?.DeepClone(),
            ["payment_method"] = paymentMethodId,
            ["payment_method_details"] = new JsonObject { ["type"] = "card", ["card"] = method["card"]!.DeepClone() },
            ["metadata"] = intent["metadata"]?.DeepClone() ?? new JsonObject(),
            ["created"] = Now,
            ["livemode"] = false,
        });
        intent["status"] = "succeeded";
        intent["amount_received"] = amount;
        intent["latest_charge"] = charge["id"]!.DeepClone();
        intent["last_payment_error"] = null;
        Announce("charge.succeeded", charge);
        Announce("payment_intent.succeeded", intent);
        return charge;
    }

    internal JsonObject NewPaymentIntent(long amount, string currency, string? customer, JsonObject metadata, string? setupFutureUsage) => Add(new JsonObject
    {
        ["id"] = NewId("pi"),
        ["object"] = "payment_intent",
        ["amount"] = amount,
        ["amount_received"] = 0L,
        ["currency"] = currency,
        ["customer"] = customer,
        ["payment_method"] = null,
        ["latest_charge"] = null,
        ["last_payment_error"] = null,
        ["status"] = "requires_payment_method",
        ["capture_method"] = "automatic",
        ["confirmation_method"] = "automatic",
        ["setup_future_usage"] = setupFutureUsage,
        ["payment_method_types"] = new JsonArray("card"),
        ["client_secret"] = NewId("secret"),
        ["metadata"] = metadata,
        ["created"] = Now,
        ["livemode"] = false,
    });

    internal static JsonObject Metadata(IReadOnlyDictionary<string, string> values)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in values)
        {
            metadata[key] = value;
        }

        return metadata;
    }
}
