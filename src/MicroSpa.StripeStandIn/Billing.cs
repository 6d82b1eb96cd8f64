using System.Globalization;
using System.Text.Json.Nodes;

namespace MicroSpa.StripeStandIn;

/// <summary>
/// What happens after the last retry of a failed renewal, as Stripe's Billing settings choose it
/// (Settings › Billing › Subscriptions and emails › Manage failed payments): StandIn:Billing:AfterRetries = cancel
/// (Stripe's default), unpaid, or past_due (left as it is). StandIn:Billing:RetryDays is Stripe's custom retry schedule:
/// each retry so many days after the previous attempt (3,5,7 by default).
/// </summary>
public sealed class BillingOptions
{
    public string RetryDays { get; set; } = "3,5,7";

    public string AfterRetries { get; set; } = "cancel";

    public IReadOnlyList<int> RetrySchedule => [.. RetryDays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(d => int.Parse(d, CultureInfo.InvariantCulture))];
}

/// <summary>
/// Stripe Billing as far as memberships need it: products, monthly prices, subscriptions (created, read, updated:
/// pause_collection, cancel_at_period_end / cancel_at, default_payment_method, metadata; canceled), their invoices
/// (listed, read, paid, voided), and test clocks whose advance renews what is due, finalizes the next invoice, charges
/// the default payment method, and retries failed invoices on the retry schedule. Shapes as of API 2025-03-31.basil and
/// later: the period on the subscription item, the subscription on <c>invoice.parent.subscription_details</c>, the
/// payment intent under <c>invoice.payments</c> (when expanded). Everything runs inside the store's lock.
/// </summary>
public sealed class Billing(Store store, BillingOptions options)
{
    private static readonly string[] Live = ["active", "past_due", "unpaid", "trialing"];

    /// <summary>Invoice id → its invoice payments (Stripe's invoice_payment objects), shown when payments is expanded.</summary>
    private readonly Dictionary<string, JsonArray> _payments = new(StringComparer.Ordinal);

    public JsonObject CreateProduct(FormParams p) => (JsonObject)store.Add(NewProduct(p["name"] ?? throw Api.Missing("name"), Store.Metadata(p.Children("metadata")))).DeepClone();

    public JsonObject CreatePrice(FormParams p)
    {
        var product = p["product"] is { } id
            ? (string)store.Live(id, "product")["id"]!
            : (string)store.Add(NewProduct(p["product_data[name]"] ?? throw Api.Missing("product"), new JsonObject()))["id"]!;
        var amount = p.Long("unit_amount") ?? throw Api.Missing("unit_amount");
        if (amount < 0)
        {
            throw new StripeError(400, "invalid_request_error", "Invalid non-negative integer", param: "unit_amount");
        }

        JsonObject? recurring = null;
        if (p["recurring[interval]"] is { } interval)
        {
            if (interval is not ("month" or "year" or "week" or "day"))
            {
                throw new StripeError(400, "invalid_request_error", $"Invalid recurring[interval]: must be one of day, week, month, or year", param: "recurring[interval]");
            }

            recurring = new JsonObject
            {
                ["interval"] = interval, ["interval_count"] = p.Long("recurring[interval_count]") ?? 1, ["usage_type"] = "licensed",
                ["meter"] = null, ["trial_period_days"] = null,
            };
        }

        if (p["lookup_key"] is { } lookupKey && store.LiveAll("price").Any(o => (string?)o["lookup_key"] == lookupKey))
        {
            throw new StripeError(400, "invalid_request_error", $"A price (`{store.LiveAll("price").First(o => (string?)o["lookup_key"] == lookupKey)["id"]}`) already uses that lookup key.", param: "lookup_key");
        }

        return (JsonObject)store.Add(new JsonObject
        {
            ["id"] = Store.NewId("price"),
            ["object"] = "price",
            ["active"] = true,
            ["billing_scheme"] = "per_unit",
            ["currency"] = p["currency"] ?? throw Api.Missing("currency"),
            ["unit_amount"] = amount,
            ["unit_amount_decimal"] = amount.ToString(CultureInfo.InvariantCulture),
            ["product"] = product,
            ["recurring"] = recurring,
            ["type"] = recurring is null ? "one_time" : "recurring",
            ["nickname"] = p["nickname"],
            ["lookup_key"] = p["lookup_key"],
            ["tax_behavior"] = "unspecified",
            ["metadata"] = Store.Metadata(p.Children("metadata")),
            ["created"] = store.Now,
            ["livemode"] = false,
        }).DeepClone();
    }

    public JsonObject CreateClock(FormParams p)
    {
        var frozen = p.Long("frozen_time") ?? throw Api.Missing("frozen_time");
        return (JsonObject)store.Add(new JsonObject
        {
            ["id"] = Store.NewId("clock"),
            ["object"] = "test_helpers.test_clock",
            ["created"] = store.Now,
            ["deletes_after"] = store.Now + (30 * 86400),
            ["frozen_time"] = frozen,
            ["livemode"] = false,
            ["name"] = p["name"],
            ["status"] = "ready",
            ["status_details"] = new JsonObject(),
        }).DeepClone();
    }

    /// <summary>
    /// POST /v1/test_helpers/test_clocks/{id}/advance: everything due up to frozen_time happens in the order it falls
    /// due (renewals, retries, scheduled cancels, resumed collection). Stripe advances in the background and answers
    /// "advancing" until test_helpers.test_clock.ready; here the work is done before the answer, which says "ready", so
    /// a caller that polls until ready works against both.
    /// </summary>
    public JsonObject Advance(FormParams p, string id)
    {
        var clock = store.Live(id, "test_helpers.test_clock");
        var target = p.Long("frozen_time") ?? throw Api.Missing("frozen_time");
        var from = (long)clock["frozen_time"]!;
        if (target <= from)
        {
            throw new StripeError(400, "invalid_request_error", "The frozen time must be after the test clock's current frozen time.", param: "frozen_time");
        }

        var subscriptions = SubscriptionsOn(id).ToList();
        var limit = subscriptions.Where(s => Live.Contains((string?)s["status"]))
            .Select(s => Step(From(from), Price(s), 2).ToUnixTimeSeconds()).DefaultIfEmpty(From(from).AddYears(2).ToUnixTimeSeconds()).Min();
        if (target > limit)
        {
            throw new StripeError(400, "invalid_request_error",
                "Cannot advance the test clock more than two intervals ahead of the shortest subscription on it (or two years with none).", param: "frozen_time");
        }

        store.Announce("test_helpers.test_clock.advancing", clock);
        for (var steps = 0; steps < 10_000; steps++)
        {
            var next = NextDue(id, target);
            if (next is not { } due)
            {
                break;
            }

            clock["frozen_time"] = due.At;
            due.Happen(due.At);
        }

        clock["frozen_time"] = target;
        clock["status"] = "ready";
        store.Announce("test_helpers.test_clock.ready", clock);
        return (JsonObject)clock.DeepClone();
    }

    public JsonObject CreateSubscription(FormParams p)
    {
        var customer = store.Live(p["customer"] ?? throw Api.Missing("customer"), "customer");
        var price = store.Live(p["items[0][price]"] ?? throw Api.Missing("items[0][price]"), "price");
        if (price["recurring"] is null)
        {
            throw new StripeError(400, "invalid_request_error", $"The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.", param: "items[0][price]");
        }

        var method = p["default_payment_method"] is { } pm ? OwnMethod(customer, pm, "default_payment_method") : null;
        var behaviour = p["payment_behavior"] ?? "allow_incomplete";
        if (behaviour is not ("allow_incomplete" or "error_if_incomplete" or "default_incomplete"))
        {
            throw new StripeError(400, "invalid_request_error", $"Invalid payment_behavior: {behaviour}", param: "payment_behavior");
        }

        var now = NowOf(customer);
        var quantity = p.Long("items[0][quantity]") ?? 1;
        var id = Store.NewId("sub");
        var end = Step(From(now), price, 1).ToUnixTimeSeconds();
        var subscription = store.Add(new JsonObject
        {
            ["id"] = id,
            ["object"] = "subscription",
            ["customer"] = customer["id"]!.DeepClone(),
            ["status"] = "incomplete",
            ["currency"] = price["currency"]!.DeepClone(),
            ["collection_method"] = "charge_automatically",
            ["items"] = new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(new JsonObject
                {
                    ["id"] = Store.NewId("si"), ["object"] = "subscription_item", ["created"] = now, ["current_period_start"] = now,
                    ["current_period_end"] = end, ["metadata"] = new JsonObject(), ["price"] = price.DeepClone(), ["quantity"] = quantity,
                    ["subscription"] = id,
                }),
                ["has_more"] = false,
                ["total_count"] = 1,
                ["url"] = $"/v1/subscription_items?subscription={id}",
            },
            ["default_payment_method"] = method,
            ["latest_invoice"] = null,
            ["metadata"] = Store.Metadata(p.Children("metadata")),
            ["pause_collection"] = null,
            ["cancel_at_period_end"] = p.Bool("cancel_at_period_end"),
            ["cancel_at"] = p.Bool("cancel_at_period_end") ? end : null,
            ["canceled_at"] = null,
            ["ended_at"] = null,
            ["cancellation_details"] = new JsonObject { ["comment"] = null, ["feedback"] = null, ["reason"] = null },
            ["start_date"] = now,
            ["billing_cycle_anchor"] = now,
            ["created"] = now,
            ["description"] = p["description"],
            ["days_until_due"] = null,
            ["trial_start"] = null,
            ["trial_end"] = null,
            ["test_clock"] = customer["test_clock"]?.DeepClone(),
            ["livemode"] = false,
        });

        var invoice = NewInvoice(subscription, "subscription_create", now, now, now);
        Finalize(invoice, now);
        if (behaviour != "default_incomplete")
        {
            if (!Attempt(invoice, now, creating: true) && behaviour == "error_if_incomplete")
            {
                // Nothing is left behind when the first payment must succeed: the invoice is voided, the subscription gone.
                invoice["status"] = "void";
                invoice["next_payment_attempt"] = null;
                subscription["status"] = "incomplete_expired";
                var declined = store.Live((string)PaymentOf(invoice)["payment"]!["payment_intent"]!, "payment_intent")["last_payment_error"]!;
                throw new StripeError(402, "card_error", (string)declined["message"]!, (string?)declined["code"], declineCode: (string?)declined["decline_code"]);
            }
        }

        store.Announce("customer.subscription.created", subscription);
        return Expand(subscription, p);
    }

    public JsonObject GetSubscription(FormParams p, string id) => Expand(store.Live(id, "subscription"), p);

    public JsonObject ListSubscriptions(FormParams p) => List("/v1/subscriptions", store.LiveAll("subscription")
        .Where(s => (p["customer"] is not { } c || (string?)s["customer"] == c)
            && (p["status"] is not { } status ? (string?)s["status"] is not "canceled" and not "incomplete_expired" : status == "all" || (string?)s["status"] == status))
        .Select(s => Expand(s, p)));

    public JsonObject UpdateSubscription(FormParams p, string id)
    {
        var subscription = store.Live(id, "subscription");
        var changesOtherThanMetadata = p.Has("pause_collection") || p.Has("pause_collection[behavior]") || p.Has("cancel_at_period_end") || p.Has("cancel_at") || p.Has("default_payment_method");
        if ((string?)subscription["status"] is "canceled" or "incomplete_expired" && changesOtherThanMetadata)
        {
            throw new StripeError(400, "invalid_request_error", "A canceled subscription can only update its cancellation_details and metadata.");
        }

        var previous = new JsonObject();
        void Set(string field, JsonNode? value)
        {
            if (!JsonNode.DeepEquals(subscription[field], value))
            {
                previous[field] = subscription[field]?.DeepClone();
                subscription[field] = value;
            }
        }

        if (p.Has("default_payment_method"))
        {
            var customer = store.Live((string)subscription["customer"]!, "customer");
            Set("default_payment_method", p["default_payment_method"] is { } pm ? OwnMethod(customer, pm, "default_payment_method") : null);
        }

        if (p["pause_collection[behavior]"] is { } behaviour)
        {
            if (behaviour is not ("void" or "keep_as_draft" or "mark_uncollectible"))
            {
                throw new StripeError(400, "invalid_request_error", $"Invalid pause_collection[behavior]: must be one of keep_as_draft, mark_uncollectible, or void", param: "pause_collection[behavior]");
            }

            Set("pause_collection", new JsonObject { ["behavior"] = behaviour, ["resumes_at"] = p.Long("pause_collection[resumes_at]") });
        }
        else if (p.Has("pause_collection") && p["pause_collection"] is null)
        {
            Set("pause_collection", null);
        }

        if (p.Has("cancel_at_period_end"))
        {
            var atEnd = p.Bool("cancel_at_period_end");
            Set("cancel_at_period_end", atEnd);
            Set("cancel_at", atEnd ? (long)Item(subscription)["current_period_end"]! : null);
        }

        if (p.Has("cancel_at"))
        {
            var periodEnd = (long)Item(subscription)["current_period_end"]!;
            long? at = p["cancel_at"] switch
            {
                null => null,
                "min_period_end" or "max_period_end" => periodEnd,
                _ => p.Long("cancel_at"),
            };
            if (at is { } when && when <= NowOf(store.Live((string)subscription["customer"]!, "customer")))
            {
                throw new StripeError(400, "invalid_request_error", "cancel_at must be in the future.", param: "cancel_at");
            }

            Set("cancel_at", at);
            Set("cancel_at_period_end", at == periodEnd);
        }

        var metadata = p.Children("metadata");
        if (metadata.Count > 0)
        {
            var merged = (JsonObject)subscription["metadata"]!.DeepClone();
            foreach (var (key, value) in metadata)
            {
                if (value.Length == 0)
                {
                    merged.Remove(key);
                }
                else
                {
                    merged[key] = value;
                }
            }

            Set("metadata", merged);
        }

        if (previous.Count > 0)
        {
            store.Announce("customer.subscription.updated", subscription, previous);
        }

        return Expand(subscription, p);
    }

    /// <summary>DELETE /v1/subscriptions/{id}: canceled at once; its open invoices are no longer retried.</summary>
    public JsonObject CancelSubscription(FormParams p, string id)
    {
        var subscription = store.Live(id, "subscription");
        if ((string?)subscription["status"] is "canceled" or "incomplete_expired")
        {
            throw new StripeError(400, "invalid_request_error", $"This subscription has already been canceled: '{id}'.");
        }

        End(subscription, NowOf(store.Live((string)subscription["customer"]!, "customer")), "cancellation_requested", p["cancellation_details[comment]"]);
        return Expand(subscription, p);
    }

    public JsonObject GetInvoice(FormParams p, string id) => ShowInvoice(store.Live(id, "invoice"), p);

    public JsonObject ListInvoices(FormParams p) => List("/v1/invoices", store.LiveAll("invoice")
        .Where(i => (p["subscription"] is not { } s || SubscriptionOf(i) == s) && (p["customer"] is not { } c || (string?)i["customer"] == c)
            && (p["status"] is not { } status || (string?)i["status"] == status))
        .OrderByDescending(i => (long)i["created"]!).ThenByDescending(i => (long)i["_sequence"]!)
        .Select(i => ShowInvoice(i, p)));

    /// <summary>POST /v1/invoices/{id}/pay: an attempt now with the invoice's payment method (or the one given); a decline is Stripe's 402 card_error.</summary>
    public JsonObject PayInvoice(FormParams p, string id)
    {
        var invoice = store.Live(id, "invoice");
        switch ((string?)invoice["status"])
        {
            case "paid":
                throw new StripeError(400, "invalid_request_error", "Invoice is already paid", "invoice_already_paid");
            case "void":
                throw new StripeError(400, "invalid_request_error", "This invoice has been voided and cannot be paid.", "invoice_not_editable");
            case "draft":
                Finalize(invoice, NowOf(store.Live((string)invoice["customer"]!, "customer")));
                break;
        }

        var customer = store.Live((string)invoice["customer"]!, "customer");
        var method = p["payment_method"] is { } pm ? OwnMethod(customer, pm, "payment_method") : null;
        if (!Attempt(invoice, NowOf(customer), method, retryScheduled: false))
        {
            var declined = store.Live((string)PaymentOf(invoice)["payment"]!["payment_intent"]!, "payment_intent")["last_payment_error"];
            throw new StripeError(402, "card_error", (string?)declined?["message"] ?? "This customer has no attached payment source or default payment method.",
                (string?)declined?["code"] ?? "invoice_no_payment_method_types", declineCode: (string?)declined?["decline_code"]);
        }

        return ShowInvoice(invoice, p);
    }

    /// <summary>POST /v1/invoices/{id}/void: only an open (or uncollectible) invoice; no more retries, its payment intent canceled.</summary>
    public JsonObject VoidInvoice(FormParams p, string id)
    {
        var invoice = store.Live(id, "invoice");
        if ((string?)invoice["status"] is not ("open" or "uncollectible"))
        {
            throw new StripeError(400, "invalid_request_error", $"You can only pass in open invoices. This invoice is {invoice["status"]}.", "invoice_not_editable");
        }

        Void(invoice, NowOf(store.Live((string)invoice["customer"]!, "customer")));
        return ShowInvoice(invoice, p);
    }

    private static DateTimeOffset From(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    private static JsonObject Price(JsonObject subscription) => (JsonObject)Item(subscription)["price"]!;

    private static JsonObject Item(JsonObject subscription) => (JsonObject)subscription["items"]!["data"]![0]!;

    private static string? SubscriptionOf(JsonObject invoice) => (string?)invoice["parent"]?["subscription_details"]?["subscription"];

    /// <summary>So many of the price's intervals after a moment (a month after Jan 31 is the end of February, as Stripe bills).</summary>
    private static DateTimeOffset Step(DateTimeOffset from, JsonObject price, int times)
    {
        var count = (int)(long)price["recurring"]!["interval_count"]! * times;
        return (string?)price["recurring"]!["interval"] switch
        {
            "day" => from.AddDays(count),
            "week" => from.AddDays(7 * count),
            "year" => from.AddYears(count),
            _ => from.AddMonths(count),
        };
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

    private JsonObject NewProduct(string name, JsonObject metadata) => new()
    {
        ["id"] = Store.NewId("prod"),
        ["object"] = "product",
        ["active"] = true,
        ["name"] = name,
        ["description"] = null,
        ["default_price"] = null,
        ["type"] = "service",
        ["metadata"] = metadata,
        ["created"] = store.Now,
        ["updated"] = store.Now,
        ["livemode"] = false,
    };

    /// <summary>The customer's time: its test clock's frozen time, or now.</summary>
    private long NowOf(JsonObject customer) => customer["test_clock"] is JsonValue clock
        ? (long)store.Live((string)clock!, "test_helpers.test_clock")["frozen_time"]!
        : store.Now;

    private string OwnMethod(JsonObject customer, string method, string param) =>
        (string?)store.Live(method, "payment_method")["customer"] == (string?)customer["id"]
            ? method
            : throw new StripeError(400, "invalid_request_error", $"The customer does not have a payment method with the ID {method}. The payment method must be attached to the customer.", "resource_missing", param);

    private IEnumerable<JsonObject> SubscriptionsOn(string clock) => store.LiveAll("subscription").Where(s => (string?)s["test_clock"] == clock);

    private (long At, Action<long> Happen)? NextDue(string clock, long target)
    {
        var due = new List<(long At, Action<long> Happen)>();
        foreach (var subscription in SubscriptionsOn(clock))
        {
            var status = (string?)subscription["status"];
            if (status == "incomplete" && (long)subscription["created"]! + (23 * 3600) <= target)
            {
                due.Add(((long)subscription["created"]! + (23 * 3600), at => Expire(subscription, at)));
            }

            if (!Live.Contains(status))
            {
                continue;
            }

            if (subscription["cancel_at"] is JsonValue cancelAt && (long)cancelAt! <= target)
            {
                due.Add(((long)cancelAt!, at => End(subscription, at, "cancellation_requested", null)));
            }
            else if ((long)Item(subscription)["current_period_end"]! <= target)
            {
                due.Add(((long)Item(subscription)["current_period_end"]!, at => Renew(subscription, at)));
            }

            if (subscription["pause_collection"]?["resumes_at"] is JsonValue resumes && (long)resumes! <= target)
            {
                due.Add(((long)resumes!, _ =>
                {
                    var paused = subscription["pause_collection"]!.DeepClone();
                    subscription["pause_collection"] = null;
                    store.Announce("customer.subscription.updated", subscription, new JsonObject { ["pause_collection"] = paused });
                }));
            }
        }

        foreach (var invoice in store.LiveAll("invoice").Where(i => (string?)i["test_clock"] == clock && (string?)i["status"] == "open"))
        {
            if (invoice["next_payment_attempt"] is JsonValue next && (long)next! <= target)
            {
                due.Add(((long)next!, at => Attempt(invoice, at)));
            }
        }

        return due.Count == 0 ? null : due.MinBy(d => d.At);
    }

    private void Renew(JsonObject subscription, long at)
    {
        var item = Item(subscription);
        var (oldStart, oldEnd) = ((long)item["current_period_start"]!, (long)item["current_period_end"]!);
        var previous = new JsonObject { ["items"] = subscription["items"]!.DeepClone() };
        item["current_period_start"] = oldEnd;
        item["current_period_end"] = Step(From(oldEnd), Price(subscription), 1).ToUnixTimeSeconds();
        store.Announce("customer.subscription.updated", subscription, previous);

        // As Stripe dates a renewal's invoice: period_start..period_end is the period that just ended; the line is the new one.
        var invoice = NewInvoice(subscription, "subscription_cycle", at, oldStart, oldEnd);
        switch ((string?)subscription["pause_collection"]?["behavior"])
        {
            case "keep_as_draft":
                invoice["auto_advance"] = false;
                return;
            case "void":
                Finalize(invoice, at);
                Void(invoice, at);
                return;
            case "mark_uncollectible":
                Finalize(invoice, at);
                invoice["status"] = "uncollectible";
                invoice["status_transitions"]!["marked_uncollectible_at"] = at;
                store.Announce("invoice.marked_uncollectible", Public(invoice));
                return;
        }

        Finalize(invoice, at);
        if ((string?)subscription["status"] is "active" or "past_due" or "trialing")
        {
            Attempt(invoice, at);
        }
    }

    private JsonObject NewInvoice(JsonObject subscription, string reason, long at, long periodStart, long periodEnd)
    {
        var item = Item(subscription);
        var price = Price(subscription);
        var amount = (long)price["unit_amount"]! * (long)item["quantity"]!;
        var id = Store.NewId("in");
        var invoice = store.Add(new JsonObject
        {
            ["id"] = id,
            ["object"] = "invoice",
            ["customer"] = subscription["customer"]!.DeepClone(),
            ["currency"] = price["currency"]!.DeepClone(),
            ["status"] = "draft",
            ["billing_reason"] = reason,
            ["collection_method"] = "charge_automatically",
            ["auto_advance"] = true,
            ["amount_due"] = amount,
            ["amount_paid"] = 0L,
            ["amount_remaining"] = amount,
            ["subtotal"] = amount,
            ["total"] = amount,
            ["attempt_count"] = 0,
            ["attempted"] = false,
            ["next_payment_attempt"] = null,
            ["created"] = at,
            ["period_start"] = periodStart,
            ["period_end"] = periodEnd,
            ["effective_at"] = null,
            ["number"] = null,
            ["hosted_invoice_url"] = null,
            ["invoice_pdf"] = null,
            ["default_payment_method"] = null,
            ["description"] = null,
            ["due_date"] = null,
            ["lines"] = new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(new JsonObject
                {
                    ["id"] = Store.NewId("il"), ["object"] = "line_item", ["amount"] = amount, ["currency"] = price["currency"]!.DeepClone(),
                    ["description"] = $"{item["quantity"]} × {store.Live((string)price["product"]!, "product")["name"]}",
                    ["invoice"] = id, ["quantity"] = item["quantity"]!.DeepClone(),
                    ["period"] = new JsonObject { ["start"] = item["current_period_start"]!.DeepClone(), ["end"] = item["current_period_end"]!.DeepClone() },
                    ["pricing"] = new JsonObject
                    {
                        ["type"] = "price_details", ["price_details"] = new JsonObject { ["price"] = price["id"]!.DeepClone(), ["product"] = price["product"]!.DeepClone() },
                        ["unit_amount_decimal"] = price["unit_amount_decimal"]!.DeepClone(),
                    },
                    ["parent"] = new JsonObject
                    {
                        ["type"] = "subscription_item_details",
                        ["subscription_item_details"] = new JsonObject { ["subscription"] = subscription["id"]!.DeepClone(), ["subscription_item"] = item["id"]!.DeepClone(), ["proration"] = false },
                    },
                    ["metadata"] = new JsonObject(),
                    ["livemode"] = false,
                }),
                ["has_more"] = false,
                ["total_count"] = 1,
                ["url"] = $"/v1/invoices/{id}/lines",
            },
            ["parent"] = new JsonObject
            {
                ["type"] = "subscription_details",
                ["quote_details"] = null,
                ["subscription_details"] = new JsonObject { ["subscription"] = subscription["id"]!.DeepClone(), ["metadata"] = subscription["metadata"]!.DeepClone() },
            },
            ["status_transitions"] = new JsonObject { ["finalized_at"] = null, ["paid_at"] = null, ["voided_at"] = null, ["marked_uncollectible_at"] = null },
            ["metadata"] = new JsonObject(),
            ["test_clock"] = subscription["test_clock"]?.DeepClone(),
            ["livemode"] = false,
            ["_sequence"] = store.NextSequence(),
        });
        subscription["latest_invoice"] = id;
        store.Announce("invoice.created", Public(invoice));
        return invoice;
    }

    private void Finalize(JsonObject invoice, long at)
    {
        invoice["status"] = "open";
        invoice["effective_at"] = at;
        invoice["number"] = $"STANDIN-{(long)invoice["_sequence"]!:D6}";
        invoice["hosted_invoice_url"] = $"https://invoice.stripe.com/i/standin/{invoice["id"]}";
        invoice["status_transitions"]!["finalized_at"] = at;
        var intent = store.NewPaymentIntent((long)invoice["amount_due"]!, (string)invoice["currency"]!, (string?)invoice["customer"], new JsonObject(), null);
        intent["description"] = $"Subscription {(invoice["billing_reason"]?.ToString() == "subscription_create" ? "creation" : "update")}";
        _payments[(string)invoice["id"]!] = new JsonArray(new JsonObject
        {
            ["id"] = Store.NewId("inpay"), ["object"] = "invoice_payment", ["amount_paid"] = null, ["amount_requested"] = invoice["amount_due"]!.DeepClone(),
            ["currency"] = invoice["currency"]!.DeepClone(), ["invoice"] = invoice["id"]!.DeepClone(), ["is_default"] = true, ["livemode"] = false, ["created"] = at,
            ["payment"] = new JsonObject { ["type"] = "payment_intent", ["payment_intent"] = intent["id"]!.DeepClone() },
            ["status"] = "open",
            ["status_transitions"] = new JsonObject { ["paid_at"] = null, ["canceled_at"] = null },
        });
        store.Announce("invoice.finalized", Public(invoice));
    }

    private JsonObject PaymentOf(JsonObject invoice) => (JsonObject)_payments[(string)invoice["id"]!][0]!;

    /// <summary>
    /// Charges the invoice's default payment method (the subscription's, else the customer's invoice_settings) off-session:
    /// paid, or a failed attempt with the next one on the retry schedule (none after the last: then the subscription is
    /// canceled or left unpaid, per BillingOptions.AfterRetries).
    /// </summary>
    private bool Attempt(JsonObject invoice, long at, string? method = null, bool retryScheduled = true, bool creating = false)
    {
        var subscription = store.Live(SubscriptionOf(invoice)!, "subscription");
        var customer = store.Live((string)invoice["customer"]!, "customer");
        method ??= (string?)subscription["default_payment_method"] ?? (string?)customer["invoice_settings"]?["default_payment_method"];
        var intent = store.Live((string)PaymentOf(invoice)["payment"]!["payment_intent"]!, "payment_intent");
        invoice["attempted"] = true;
        invoice["attempt_count"] = (int)invoice["attempt_count"]! + 1;
        var paid = false;
        if (method is not null)
        {
            try
            {
                store.Charge(intent, method, offSession: true);
                paid = true;
            }
            catch (StripeError e) when (e.Status == 402)
            {
            }
        }

        if (paid)
        {
            invoice["status"] = "paid";
            invoice["amount_paid"] = invoice["amount_due"]!.DeepClone();
            invoice["amount_remaining"] = 0L;
            invoice["next_payment_attempt"] = null;
            invoice["status_transitions"]!["paid_at"] = at;
            var payment = PaymentOf(invoice);
            payment["status"] = "paid";
            payment["amount_paid"] = invoice["amount_due"]!.DeepClone();
            payment["status_transitions"]!["paid_at"] = at;
            store.Announce("invoice.paid", Public(invoice));
            store.Announce("invoice.payment_succeeded", Public(invoice));
            if (creating)
            {
                // Paid while being created: customer.subscription.created already says active.
                subscription["status"] = "active";
            }
            else if ((string?)subscription["latest_invoice"] == (string?)invoice["id"] && (string?)subscription["status"] is "incomplete" or "past_due" or "unpaid")
            {
                SetStatus(subscription, "active");
            }

            return true;
        }

        var schedule = options.RetrySchedule;
        var retries = (int)invoice["attempt_count"]! - 1;
        if (retryScheduled)
        {
            invoice["next_payment_attempt"] = (string?)invoice["billing_reason"] == "subscription_create" || retries >= schedule.Count
                ? null
                : From(at).AddDays(schedule[retries]).ToUnixTimeSeconds();
        }

        store.Announce("invoice.payment_failed", Public(invoice));
        var status = (string?)subscription["status"];
        if (!retryScheduled || (string?)invoice["billing_reason"] == "subscription_create")
        {
            return false;
        }

        if (retries >= schedule.Count)
        {
            switch (options.AfterRetries)
            {
                case "cancel":
                    End(subscription, at, "payment_failed", null);
                    break;
                case "unpaid":
                    SetStatus(subscription, "unpaid");
                    break;
            }
        }
        else if (status is "active" or "trialing")
        {
            SetStatus(subscription, "past_due");
        }

        return false;
    }

    private void Void(JsonObject invoice, long at)
    {
        invoice["status"] = "void";
        invoice["next_payment_attempt"] = null;
        invoice["status_transitions"]!["voided_at"] = at;
        if (_payments.TryGetValue((string)invoice["id"]!, out var payments))
        {
            var payment = (JsonObject)payments[0]!;
            payment["status"] = "canceled";
            payment["status_transitions"]!["canceled_at"] = at;
            var intent = store.Live((string)payment["payment"]!["payment_intent"]!, "payment_intent");
            if ((string?)intent["status"] != "succeeded")
            {
                intent["status"] = "canceled";
                intent["canceled_at"] = at;
                intent["cancellation_reason"] = "void_invoice";
                store.Announce("payment_intent.canceled", intent);
            }
        }

        store.Announce("invoice.voided", Public(invoice));
    }

    private void SetStatus(JsonObject subscription, string status)
    {
        var previous = new JsonObject { ["status"] = subscription["status"]?.DeepClone() };
        subscription["status"] = status;
        store.Announce("customer.subscription.updated", subscription, previous);
    }

    private void End(JsonObject subscription, long at, string reason, string? comment)
    {
        subscription["status"] = "canceled";
        subscription["canceled_at"] = at;
        subscription["ended_at"] = at;
        subscription["cancellation_details"] = new JsonObject { ["comment"] = comment, ["feedback"] = null, ["reason"] = reason };
        foreach (var invoice in store.LiveAll("invoice").Where(i => SubscriptionOf(i) == (string?)subscription["id"] && (string?)i["status"] == "open"))
        {
            invoice["next_payment_attempt"] = null;
        }

        store.Announce("customer.subscription.deleted", subscription);
    }

    /// <summary>An incomplete subscription whose first invoice was not paid within 23 hours expires, its invoice voided.</summary>
    private void Expire(JsonObject subscription, long at)
    {
        if (subscription["latest_invoice"] is JsonValue latest && store.Live((string)latest!, "invoice") is { } invoice && (string?)invoice["status"] == "open")
        {
            Void(invoice, at);
        }

        SetStatus(subscription, "incomplete_expired");
    }

    private JsonObject Public(JsonObject invoice)
    {
        var shown = (JsonObject)invoice.DeepClone();
        shown.Remove("_sequence");
        return shown;
    }

    private JsonObject ShowInvoice(JsonObject invoice, FormParams p)
    {
        var shown = Public(invoice);
        var expand = p.List("expand").Select(e => e.StartsWith("data.", StringComparison.Ordinal) ? e["data.".Length..] : e).ToList();
        if (expand.Any(e => e == "payments" || e.StartsWith("payments.", StringComparison.Ordinal)))
        {
            var data = _payments.TryGetValue((string)invoice["id"]!, out var payments) ? (JsonArray)payments.DeepClone() : [];
            if (expand.Contains("payments.data.payment.payment_intent"))
            {
                foreach (var payment in data)
                {
                    payment!["payment"]!["payment_intent"] = store.Get((string)payment["payment"]!["payment_intent"]!, "payment_intent");
                }
            }

            shown["payments"] = new JsonObject { ["object"] = "list", ["data"] = data, ["has_more"] = false, ["url"] = $"/v1/invoice_payments?invoice={invoice["id"]}" };
        }

        return shown;
    }

    private JsonObject Expand(JsonObject subscription, FormParams p)
    {
        var shown = (JsonObject)subscription.DeepClone();
        var expand = p.List("expand").Select(e => e.StartsWith("data.", StringComparison.Ordinal) ? e["data.".Length..] : e).ToList();
        if (expand.Any(e => e == "latest_invoice" || e.StartsWith("latest_invoice.", StringComparison.Ordinal)) && shown["latest_invoice"] is JsonValue latest)
        {
            var nested = new FormParams(expand.Where(e => e.StartsWith("latest_invoice.", StringComparison.Ordinal))
                .Select((e, i) => (Key: $"expand[{i}]", Value: e["latest_invoice.".Length..])).ToDictionary(e => e.Key, e => e.Value));
            shown["latest_invoice"] = ShowInvoice(store.Live((string)latest!, "invoice"), nested);
        }

        if (expand.Contains("default_payment_method") && shown["default_payment_method"] is JsonValue method)
        {
            shown["default_payment_method"] = store.Get((string)method!, "payment_method");
        }

        return shown;
    }
}
