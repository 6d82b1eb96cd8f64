using System.Text.Json.Nodes;

namespace MicroSpa.StripeStandIn;

/// <summary>Checkout Sessions: payment mode (a deposit) and setup mode (a card saved), paid on the stand-in's hosted page.</summary>
public static class CheckoutSessions
{
    /// <summary>How long a session stays open unless expires_at says otherwise (Stripe: 24 hours; at least 30 minutes).</summary>
    public const long DefaultLifetimeSeconds = 24 * 3600;

    public static JsonObject Create(Store store, FormParams p, string baseUrl)
    {
        var mode = p["mode"] ?? throw Api.Missing("mode");
        if (mode is not ("payment" or "setup"))
        {
            throw new StripeError(400, "invalid_request_error", $"Invalid mode: must be one of payment, setup or subscription", param: "mode");
        }

        var successUrl = p["success_url"] ?? throw Api.Missing("success_url");
        var customer = p["customer"];
        long? amount = null;
        string? currency = p["currency"];
        if (mode == "payment")
        {
            var unit = p.Long("line_items[0][price_data][unit_amount]") ?? throw Api.Missing("line_items[0][price_data][unit_amount]");
            var quantity = p.Long("line_items[0][quantity]") ?? 1;
            currency = p["line_items[0][price_data][currency]"] ?? throw Api.Missing("line_items[0][price_data][currency]");
            amount = unit * quantity;
            if (amount < 50)
            {
                throw new StripeError(400, "invalid_request_error", "The Checkout Session's total amount due must add up to at least $0.50 usd", "amount_too_small", "line_items");
            }
        }
        else if (currency is null)
        {
            throw Api.Missing("currency");
        }

        return store.Write(() =>
        {
            if (customer is not null)
            {
                store.Live(customer, "customer");
            }

            var expiresAt = p.Long("expires_at") ?? store.Now + DefaultLifetimeSeconds;
            if (expiresAt < store.Now + 1800 || expiresAt > store.Now + DefaultLifetimeSeconds)
            {
                throw new StripeError(400, "invalid_request_error", "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.", param: "expires_at");
            }

            var id = Store.NewId("cs");
            var session = store.Add(new JsonObject
            {
                ["id"] = id,
                ["object"] = "checkout.session",
                ["mode"] = mode,
                ["status"] = "open",
                ["payment_status"] = mode == "setup" ? "no_payment_required" : "unpaid",
                ["url"] = $"{baseUrl.TrimEnd('/')}/pay/{id}",
                ["success_url"] = successUrl,
                ["cancel_url"] = p["cancel_url"],
                ["customer"] = customer,
                ["customer_email"] = p["customer_email"],
                ["client_reference_id"] = p["client_reference_id"],
                ["metadata"] = Store.Metadata(p.Children("metadata")),
                ["amount_subtotal"] = amount,
                ["amount_total"] = amount,
                ["currency"] = currency,
                ["payment_intent"] = null,
                ["setup_intent"] = null,
                ["expires_at"] = expiresAt,
                ["created"] = store.Now,
                ["livemode"] = false,
                ["line_item_name"] = p["line_items[0][price_data][product_data][name]"],
                ["setup_future_usage"] = p["payment_intent_data[setup_future_usage]"],
                ["payment_intent_metadata"] = Store.Metadata(p.Children("payment_intent_data[metadata]")),
            });
            return Public(session);
        });
    }

    /// <summary>A session as the API shows it (the stand-in's own bookkeeping fields left out), payment or setup intent expanded when asked.</summary>
    public static JsonObject Expand(Store store, JsonObject session, FormParams p)
    {
        var shown = Public(session);
        foreach (var field in p.List("expand"))
        {
            if (field is "payment_intent" or "setup_intent" && shown[field] is JsonValue id)
            {
                shown[field] = store.Get((string)id!, field);
            }
        }

        return shown;
    }

    public static JsonObject Public(JsonObject session)
    {
        var shown = (JsonObject)session.DeepClone();
        shown.Remove("line_item_name");
        shown.Remove("setup_future_usage");
        shown.Remove("payment_intent_metadata");
        return shown;
    }

    public static JsonObject Expire(Store store, JsonObject session)
    {
        if ((string?)session["status"] != "open")
        {
            throw new StripeError(400, "invalid_request_error", $"Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status of \"{session["status"]}\".");
        }

        session["status"] = "expired";
        store.Announce("checkout.session.expired", Public(session));
        return Public(session);
    }

    /// <summary>Sessions past their expires_at are expired, as Stripe does within minutes.</summary>
    public static void ExpireDue(Store store) => store.Write(() =>
    {
        foreach (var session in store.All("checkout.session", s => (string?)s["status"] == "open" && (long)s["expires_at"]! <= store.Now))
        {
            Expire(store, store.Live((string)session["id"]!, "checkout.session"));
        }

        return 0;
    });

    /// <summary>
    /// The card typed on the hosted page: pays the session (payment mode; saved for later when setup_future_usage
    /// asks) or saves the card (setup mode). Declines throw with Stripe's message; the session stays open.
    /// </summary>
    public static JsonObject Complete(Store store, string id, TestCard card, int expMonth, int expYear, bool authenticated)
    {
        return store.Write(() =>
        {
            var session = store.Live(id, "checkout.session");
            if ((string?)session["status"] != "open")
            {
                throw new StripeError(400, "invalid_request_error", "This Checkout Session is no longer active.");
            }

            var customer = (string?)session["customer"];
            if ((string?)session["mode"] == "setup")
            {
                if (card.Behaviour is CardBehaviour.Declines || (card.Behaviour is CardBehaviour.AsksForAuthentication && !authenticated))
                {
                    throw new StripeError(402, "card_error", "Your card was declined.", "card_declined", declineCode: "generic_decline");
                }

                var saved = store.NewPaymentMethod(card, expMonth, expYear, customer);
                var setup = store.Add(new JsonObject
                {
                    ["id"] = Store.NewId("seti"),
                    ["object"] = "setup_intent",
                    ["status"] = "succeeded",
                    ["customer"] = customer,
                    ["payment_method"] = saved["id"]!.DeepClone(),
                    ["usage"] = "off_session",
                    ["metadata"] = session["metadata"]!.DeepClone(),
                    ["created"] = store.Now,
                    ["livemode"] = false,
                });
                session["setup_intent"] = setup["id"]!.DeepClone();
                session["status"] = "complete";
                store.Announce("setup_intent.succeeded", setup);
                store.Announce("checkout.session.completed", Public(session));
                return Public(session);
            }

            var intent = session["payment_intent"] is JsonValue existing
                ? store.Live((string)existing!, "payment_intent")
                : store.NewPaymentIntent((long)session["amount_total"]!, (string)session["currency"]!, customer,
                    (JsonObject)session["payment_intent_metadata"]!.DeepClone(), (string?)session["setup_future_usage"]);
            session["payment_intent"] = intent["id"]!.DeepClone();
            var saveForLater = (string?)session["setup_future_usage"] is "off_session" or "on_session";
            var method = store.NewPaymentMethod(card, expMonth, expYear, saveForLater ? customer : null);
            if (card.Behaviour is CardBehaviour.AsksForAuthentication && !authenticated)
            {
                intent["status"] = "requires_payment_method";
                intent["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["code"] = "payment_intent_authentication_failure", ["message"] = "We are unable to authenticate your payment method. Please choose a different payment method and try again." };
                store.Announce("payment_intent.payment_failed", intent);
                throw new StripeError(402, "card_error", "We are unable to authenticate your payment method. Please choose a different payment method and try again.", "payment_intent_authentication_failure");
            }

            store.Charge(intent, (string)method["id"]!, offSession: false);
            session["status"] = "complete";
            session["payment_status"] = "paid";
            store.Announce("checkout.session.completed", Public(session));
            return Public(session);
        });
    }
}
