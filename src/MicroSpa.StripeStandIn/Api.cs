using System.Text.Json.Nodes;

namespace MicroSpa.StripeStandIn;

/// <summary>The subset of Stripe's REST API that MicroSpa calls, under /v1, with a secret key and idempotency keys as Stripe has them.</summary>
public static class Api
{
    public static void Map(WebApplication app, string apiKey)
    {
        var v1 = app.MapGroup("/v1");
        Post(v1, "/customers", apiKey, (store, p, _) => store.Write(() => (JsonObject)store.Add(new JsonObject
        {
            ["id"] = Store.NewId("cus"),
            ["object"] = "customer",
            ["email"] = p["email"],
            ["name"] = p["name"],
            ["metadata"] = Store.Metadata(p.Children("metadata")),
            ["invoice_settings"] = new JsonObject { ["default_payment_method"] = null },
            ["test_clock"] = p["test_clock"] is { } clock ? store.Live(clock, "test_helpers.test_clock")["id"]!.DeepClone() : null,
            ["created"] = store.Now,
            ["livemode"] = false,
        }).DeepClone()));
        Get(v1, "/customers/{id}", apiKey, (store, _, id) => store.Get(id!, "customer"));
        Post(v1, "/customers/{id}", apiKey, (store, p, id) => store.Write(() =>
        {
            var customer = store.Live(id!, "customer");
            var previous = new JsonObject();
            if (p.Has("invoice_settings[default_payment_method]"))
            {
                var method = p["invoice_settings[default_payment_method]"];
                if (method is not null && (string?)store.Live(method, "payment_method")["customer"] != id)
                {
                    throw new StripeError(400, "invalid_request_error", $"No such PaymentMethod: '{method}'", "resource_missing", "invoice_settings[default_payment_method]");
                }

                previous["invoice_settings"] = customer["invoice_settings"]!.DeepClone();
                customer["invoice_settings"]!["default_payment_method"] = method;
            }

            foreach (var (key, value) in p.Children("metadata"))
            {
                previous["metadata"] ??= customer["metadata"]!.DeepClone();
                var metadata = (JsonObject)customer["metadata"]!;
                if (value.Length == 0)
                {
                    metadata.Remove(key);
                }
                else
                {
                    metadata[key] = value;
                }
            }

            if (previous.Count > 0)
            {
                store.Announce("customer.updated", customer, previous);
            }

            return (JsonObject)customer.DeepClone();
        }));
        Get(v1, "/customers/{id}/payment_methods", apiKey, (store, _, id) => List(
            $"/v1/customers/{id}/payment_methods", store.All("payment_method", m => (string?)m["customer"] == store.Get(id!, "customer")["id"]!.ToString())));
        Get(v1, "/payment_methods", apiKey, (store, p, _) => List(
            "/v1/payment_methods", store.All("payment_method", m => (string?)m["customer"] == (p["customer"] ?? throw Missing("customer")))));
        Get(v1, "/payment_methods/{id}", apiKey, (store, _, id) => store.Get(id!, "payment_method"));
        Post(v1, "/payment_methods/{id}/attach", apiKey, (store, p, id) => store.Write(() => PaymentMethods.Attach(store, p, id!)));
        Post(v1, "/payment_methods/{id}/detach", apiKey, (store, _, id) => store.Write(() =>
        {
            var method = store.Live(id!, "payment_method");
            if (method["customer"] is null)
            {
                throw new StripeError(400, "invalid_request_error", $"The payment method you provided is not attached to a customer so detachment is impossible.", param: "payment_method");
            }

            method["customer"] = null;
            store.Announce("payment_method.detached", method);
            return (JsonObject)method.DeepClone();
        }));

        Post(v1, "/checkout/sessions", apiKey, (store, p, _) => CheckoutSessions.Create(store, p, app.Urls.First()));
        Get(v1, "/checkout/sessions/{id}", apiKey, (store, p, id) => CheckoutSessions.Expand(store, store.Get(id!, "checkout.session"), p));
        Get(v1, "/checkout/sessions", apiKey, (store, p, _) => List("/v1/checkout/sessions",
            store.All("checkout.session", s => p["payment_intent"] is not { } intent || (string?)s["payment_intent"] == intent)));
        Post(v1, "/checkout/sessions/{id}/expire", apiKey, (store, _, id) => store.Write(() => CheckoutSessions.Expire(store, store.Live(id!, "checkout.session"))));

        Post(v1, "/payment_intents", apiKey, (store, p, _) => store.Write(() =>
        {
            var amount = p.Long("amount") ?? throw Missing("amount");
            if (amount < 50)
            {
                throw new StripeError(400, "invalid_request_error", "Amount must be at least $0.50 usd", "amount_too_small", "amount");
            }

            var intent = store.NewPaymentIntent(amount, p["currency"] ?? throw Missing("currency"), p["customer"], Store.Metadata(p.Children("metadata")), p["setup_future_usage"]);
            if (p.Bool("confirm"))
            {
                var method = PaymentMethods.ForIntent(store, p["payment_method"] ?? throw Missing("payment_method"), (string?)intent["customer"]);
                store.Charge(intent, method, p.Bool("off_session"));
            }

            return (JsonObject)intent.DeepClone();
        }));
        Get(v1, "/payment_intents/{id}", apiKey, (store, _, id) => store.Get(id!, "payment_intent"));
        Get(v1, "/payment_intents", apiKey, (store, p, _) => List("/v1/payment_intents",
            store.All("payment_intent", i => p["customer"] is not { } customer || (string?)i["customer"] == customer).Reverse()));
        Get(v1, "/charges/{id}", apiKey, (store, _, id) => store.Get(id!, "charge"));
        Get(v1, "/setup_intents/{id}", apiKey, (store, _, id) => store.Get(id!, "setup_intent"));

        Post(v1, "/refunds", apiKey, (store, p, _) => store.Write(() => Refunds.Create(store, p)));
        Get(v1, "/refunds", apiKey, (store, p, _) => List("/v1/refunds", store.All("refund", r =>
            (p["payment_intent"] is not { } intent || (string?)r["payment_intent"] == intent) && (p["charge"] is not { } charge || (string?)r["charge"] == charge))));
        Get(v1, "/refunds/{id}", apiKey, (store, _, id) => store.Get(id!, "refund"));
        var billing = app.Services.GetRequiredService<Billing>();
        Post(v1, "/products", apiKey, (store, p, _) => store.Write(() => billing.CreateProduct(p)));
        Get(v1, "/products/{id}", apiKey, (store, _, id) => store.Get(id!, "product"));
        Post(v1, "/prices", apiKey, (store, p, _) => store.Write(() => billing.CreatePrice(p)));
        Get(v1, "/prices/{id}", apiKey, (store, _, id) => store.Get(id!, "price"));
        Get(v1, "/prices", apiKey, (store, p, _) => List("/v1/prices", store.All("price", price =>
            (!p.List("lookup_keys").Any() || p.List("lookup_keys").Contains((string?)price["lookup_key"]))
            && (p["active"] is not { } active || active == ((bool?)price["active"] == true ? "true" : "false"))
            && (p["product"] is not { } product || (string?)price["product"] == product))));
        Post(v1, "/subscriptions", apiKey, (store, p, _) => store.Write(() => billing.CreateSubscription(p)));
        Get(v1, "/subscriptions", apiKey, (store, p, _) => store.Write(() => billing.ListSubscriptions(p)));
        Get(v1, "/subscriptions/{id}", apiKey, (store, p, id) => store.Write(() => billing.GetSubscription(p, id!)));
        Post(v1, "/subscriptions/{id}", apiKey, (store, p, id) => store.Write(() => billing.UpdateSubscription(p, id!)));
        Delete(v1, "/subscriptions/{id}", apiKey, (store, p, id) => store.Write(() => billing.CancelSubscription(p, id!)));
        Get(v1, "/invoices", apiKey, (store, p, _) => store.Write(() => billing.ListInvoices(p)));
        Get(v1, "/invoices/{id}", apiKey, (store, p, id) => store.Write(() => billing.GetInvoice(p, id!)));
        Post(v1, "/invoices/{id}/pay", apiKey, (store, p, id) => store.Write(() => billing.PayInvoice(p, id!)));
        Post(v1, "/invoices/{id}/void", apiKey, (store, p, id) => store.Write(() => billing.VoidInvoice(p, id!)));
        Post(v1, "/test_helpers/test_clocks", apiKey, (store, p, _) => store.Write(() => billing.CreateClock(p)));
        Get(v1, "/test_helpers/test_clocks/{id}", apiKey, (store, _, id) => store.Get(id!, "test_helpers.test_clock"));
        Post(v1, "/test_helpers/test_clocks/{id}/advance", apiKey, (store, p, id) => store.Write(() => billing.Advance(p, id!)));

        Get(v1, "/events", apiKey, (store, p, _) => List("/v1/events", store.Events(p["type"])));
        Get(v1, "/events/{id}", apiKey, (store, _, id) => store.Events(null).FirstOrDefault(e => (string?)e["id"] == id)
            ?? throw new StripeError(404, "invalid_request_error", $"No such event: '{id}'", "resource_missing", "id"));
    }

    public static StripeError Missing(string param) => new(400, "invalid_request_error", $"Missing required param: {param}.", "parameter_missing", param);

    /// <summary>The secret key as a bearer token, or as HTTP Basic's user name with no password (curl -u sk_test_…:), as Stripe takes it.</summary>
    private static bool Authorized(string header, string apiKey)
    {
        if (header == $"Bearer {apiKey}")
        {
            return true;
        }

        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            var pair = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            return pair.Split(':', 2)[0] == apiKey;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static JsonObject List(string url, IEnumerable<JsonObject> items)
    {
        var data = new JsonArray();
        foreach (var item in items)
        {
            data.Add(item);
        }

        return new JsonObject { ["object"] = "list", ["data"] = data, ["has_more"] = false, ["url"] = url };
    }

    private static void Get(RouteGroupBuilder group, string pattern, string apiKey, Func<Store, FormParams, string?, JsonObject> handle) =>
        group.MapGet(pattern, (HttpContext context, Store store) => AnswerAsync(context, store, apiKey, handle, idempotent: false));

    private static void Delete(RouteGroupBuilder group, string pattern, string apiKey, Func<Store, FormParams, string?, JsonObject> handle) =>
        group.MapDelete(pattern, (HttpContext context, Store store) => AnswerAsync(context, store, apiKey, handle, idempotent: true));

    private static void Post(RouteGroupBuilder group, string pattern, string apiKey, Func<Store, FormParams, string?, JsonObject> handle) =>
        group.MapPost(pattern, (HttpContext context, Store store) => AnswerAsync(context, store, apiKey, handle, idempotent: true));

    private static async Task<IResult> AnswerAsync(HttpContext context, Store store, string apiKey, Func<Store, FormParams, string?, JsonObject> handle, bool idempotent)
    {
        var key = idempotent ? context.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } k ? k : null : null;
        FormParams parameters;
        try
        {
            if (context.RequestServices.GetRequiredService<Faults>().IsUnavailable(context.Request))
            {
                context.Response.Headers["Stripe-Should-Retry"] = "false";
                throw new StripeError(500, "api_error", "An error occurred with our connection to Stripe. (stand-in fault)");
            }

            if (!Authorized(context.Request.Headers.Authorization.ToString(), apiKey))
            {
                throw new StripeError(401, "invalid_request_error", "Invalid API Key provided.");
            }

            parameters = await FormParams.ReadAsync(context.Request);
            var fingerprint = $"{context.Request.Path}?{parameters.Fingerprint}";
            if (store.Replay(key, fingerprint) is { } earlier)
            {
                if (context.RequestServices.GetRequiredService<Faults>().DropsAnswer(context.Request))
                {
                    // A retry meets the same broken connection.
                    context.Abort();
                    return Results.Empty;
                }

                context.Response.Headers["Idempotent-Replayed"] = "true";
                return Results.Text(earlier.Body, "application/json", statusCode: earlier.Status);
            }

            var id = context.Request.RouteValues["id"] as string;
            string body;
            int status;
            try
            {
                body = handle(store, parameters, id).ToJsonString();
                status = 200;
            }
            catch (StripeError e) when (e.Status == 402)
            {
                // A declined card is remembered like a success: the same key gets the same decline.
                body = e.ToJson().ToJsonString();
                status = e.Status;
            }

            store.Remember(key, fingerprint, status, body);
            if (context.RequestServices.GetRequiredService<Faults>().DropsAnswer(context.Request))
            {
                // The work is done and remembered under its idempotency key, but the answer never reaches the caller.
                context.Abort();
                return Results.Empty;
            }

            context.Response.Headers["Request-Id"] = Store.NewId("req");
            return Results.Text(body, "application/json", statusCode: status);
        }
        catch (StripeError e)
        {
            return Results.Text(e.ToJson().ToJsonString(), "application/json", statusCode: e.Status);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException)
        {
            // A fault of the stand-in's own, answered as Stripe answers its own: an api_error with a message.
            return Results.Text(new StripeError(500, "api_error", $"The stand-in failed: {e.Message}").ToJson().ToJsonString(), "application/json", statusCode: 500);
        }
    }
}
