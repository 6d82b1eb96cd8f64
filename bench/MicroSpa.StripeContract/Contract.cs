using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace MicroSpa.StripeContract;

/// <summary>
/// The flows MicroSpa relies on, asked of a Stripe API (the real one in test mode, or the stand-in) over plain HTTP with
/// form-encoded parameters, as Stripe documents them: a customer with pm_card_visa attached and charged off-session,
/// pm_card_chargeDeclined declined, a partial refund and one above what is left, an idempotency key replayed and reused,
/// a Checkout Session in setup mode (saving a card: opened, read back, expired), the customer's cards listed, a card
/// detached (and detached again: refused), the events that came of it, and Stripe Billing as memberships use it.
/// </summary>
public sealed class Contract(HttpClient http)
{
    private int _failures;

    public static async Task<int> RunAsync(Uri apiBase, string key)
    {
        using var http = new HttpClient { BaseAddress = apiBase, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Console.WriteLine($"Stripe contract check against {apiBase}");
        var contract = new Contract(http);
        try
        {
            await contract.FlowsAsync();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or NullReferenceException)
        {
            contract.Check(false, "the flows ran to the end", e.Message);
        }

        Console.WriteLine(contract._failures == 0 ? "All checks ok" : $"{contract._failures} check(s) FAILED");
        return contract._failures == 0 ? 0 : 1;
    }

    private async Task FlowsAsync()
    {
        var run = Guid.NewGuid().ToString("N");
        var (status, customer) = await PostAsync("/v1/customers", new() { ["email"] = "contract@example.test", ["metadata[contract_run]"] = run });
        Check(status == HttpStatusCode.OK && Id(customer).StartsWith("cus_", StringComparison.Ordinal), "a customer is created", Show(status, customer));
        var customerId = Id(customer);
        if (customerId.Length == 0)
        {
            return; // a wrong key or address: nothing else can be asked
        }

        (status, var method) = await PostAsync("/v1/payment_methods/pm_card_visa/attach", new() { ["customer"] = customerId });
        Check(status == HttpStatusCode.OK && Id(method).StartsWith("pm_", StringComparison.Ordinal) && Id(method) != "pm_card_visa"
            && (string?)method["customer"] == customerId && (string?)method["card"]?["last4"] == "4242", "pm_card_visa attaches to the customer as a new pm_", Show(status, method));
        var methodId = Id(method);

        Dictionary<string, string> Fee(string paymentMethod, long amount = 5000) => new()
        {
            ["amount"] = $"{amount}", ["currency"] = "usd", ["customer"] = customerId, ["payment_method"] = paymentMethod,
            ["off_session"] = "true", ["confirm"] = "true", ["metadata[contract_run]"] = run,
        };
        (status, var paid) = await PostAsync("/v1/payment_intents", Fee(methodId));
        Check(status == HttpStatusCode.OK && (string?)paid["status"] == "succeeded" && (long?)paid["amount_received"] == 5000,
            "an off-session payment intent with the attached card succeeds", Show(status, paid));
        var paidId = Id(paid);

        (status, var declined) = await PostAsync("/v1/payment_intents", Fee("pm_card_chargeDeclined"));
        var error = declined["error"];
        Check(status == HttpStatusCode.PaymentRequired && (string?)error?["type"] == "card_error" && (string?)error?["code"] == "card_declined"
            && (string?)error?["decline_code"] == "generic_decline", "pm_card_chargeDeclined is declined: 402 card_declined (generic_decline)", Show(status, declined));
        var declinedId = (string?)error?["payment_intent"]?["id"];
        Check(declinedId is not null && (string?)error?["payment_intent"]?["status"] == "requires_payment_method",
            "the decline names its payment intent, back to requires_payment_method", Show(status, declined));

        (status, var part) = await PostAsync("/v1/refunds", new() { ["payment_intent"] = paidId, ["amount"] = "2000" });
        Check(status == HttpStatusCode.OK && (string?)part["status"] == "succeeded" && (long?)part["amount"] == 2000, "a partial refund of 20.00 succeeds", Show(status, part));
        var chargeId = (string?)part["charge"];
        (status, var tooMuch) = await PostAsync("/v1/refunds", new() { ["payment_intent"] = paidId, ["amount"] = "3001" });
        Check(status == HttpStatusCode.BadRequest && ((string?)tooMuch["error"]?["message"])?.StartsWith("Refund amount", StringComparison.Ordinal) == true,
            "a refund of 30.01 with 30.00 left is refused: 400 \"Refund amount …\"", Show(status, tooMuch));

        var idempotencyKey = $"contract-{run}";
        (status, var first) = await PostAsync("/v1/payment_intents", Fee(methodId, 7500), idempotencyKey);
        var (againStatus, again) = await PostAsync("/v1/payment_intents", Fee(methodId, 7500), idempotencyKey);
        Check(status == HttpStatusCode.OK && againStatus == HttpStatusCode.OK && Id(first).Length > 0 && Id(again) == Id(first),
            "an idempotency key replayed gets the same payment intent", $"{Id(first)} then {Id(again)}");
        (status, var reused) = await PostAsync("/v1/payment_intents", Fee(methodId, 9900), idempotencyKey);
        Check(status == HttpStatusCode.BadRequest && (string?)reused["error"]?["type"] == "idempotency_error",
            "the key reused with other parameters is refused: idempotency_error", Show(status, reused));

        await SavedCardsAsync(customerId, methodId, run);
        await EventsAsync(paidId, declinedId, chargeId);
        await BillingAsync(run);
    }

    /// <summary>
    /// What memberships ask of Stripe Billing: a monthly price, a customer on a test clock, a subscription paid by the saved
    /// card, a renewal by advancing the clock, a renewal declined by the 0341 card (past_due, a next attempt), its invoice
    /// voided, the subscription canceled.
    /// </summary>
    private async Task BillingAsync(string run)
    {
        var start = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds();
        var (status, price) = await PostAsync("/v1/prices", new()
        {
            ["currency"] = "usd", ["unit_amount"] = "9900", ["recurring[interval]"] = "month", ["product_data[name]"] = $"Contract membership {run}",
        });
        Check(status == HttpStatusCode.OK && Id(price).StartsWith("price_", StringComparison.Ordinal) && (string?)price["recurring"]?["interval"] == "month",
            "a monthly price is created with its product", Show(status, price));
        (status, var clock) = await PostAsync("/v1/test_helpers/test_clocks", new() { ["frozen_time"] = $"{start}", ["name"] = $"contract {run}" });
        Check(status == HttpStatusCode.OK && Id(clock).StartsWith("clock_", StringComparison.Ordinal) && (long?)clock["frozen_time"] == start,
            "a test clock is created at its frozen time", Show(status, clock));
        (status, var customer) = await PostAsync("/v1/customers", new() { ["email"] = "member@example.test", ["test_clock"] = Id(clock) });
        Check(status == HttpStatusCode.OK && (string?)customer["test_clock"] == Id(clock), "a customer is created on the test clock", Show(status, customer));
        (status, var card) = await PostAsync("/v1/payment_methods/pm_card_visa/attach", new() { ["customer"] = Id(customer) });
        (status, var subscription) = await PostAsync("/v1/subscriptions", new()
        {
            ["customer"] = Id(customer), ["items[0][price]"] = Id(price), ["default_payment_method"] = Id(card), ["metadata[contract_run]"] = run,
            ["expand[0]"] = "latest_invoice.payments",
        }, $"contract-subscription-{run}");
        var first = subscription["latest_invoice"];
        Check(status == HttpStatusCode.OK && (string?)subscription["status"] == "active" && (string?)first?["status"] == "paid"
            && (long?)first?["amount_paid"] == 9900 && (string?)first?["parent"]?["subscription_details"]?["subscription"] == Id(subscription)
            && ((string?)first?["payments"]?["data"]?[0]?["payment"]?["payment_intent"])?.StartsWith("pi_", StringComparison.Ordinal) == true,
            "a subscription with the saved card is active, its first invoice paid (payment intent under payments)", Show(status, subscription));
        var periodEnd = (long?)subscription["items"]?["data"]?[0]?["current_period_end"] ?? 0;
        Check(periodEnd == DateTimeOffset.FromUnixTimeSeconds(start).AddMonths(1).ToUnixTimeSeconds(), "the item's period ends a month on", Show(status, subscription));

        await AdvanceAsync(Id(clock), periodEnd + 3600);
        (status, var invoices) = await GetAsync($"/v1/invoices?subscription={Id(subscription)}");
        var renewal = invoices["data"]?[0];
        Check(status == HttpStatusCode.OK && invoices["data"]?.AsArray().Count == 2 && (string?)renewal?["billing_reason"] == "subscription_cycle"
            && (string?)renewal?["status"] == "paid", "advancing the clock past the period renews with a paid subscription_cycle invoice", Show(status, invoices));

        (status, var failing) = await PostAsync("/v1/payment_methods/pm_card_chargeCustomerFail/attach", new() { ["customer"] = Id(customer) });
        Check(status == HttpStatusCode.OK && (string?)failing["card"]?["last4"] == "0341", "pm_card_chargeCustomerFail attaches (the 0341 card)", Show(status, failing));
        (status, var updated) = await PostAsync($"/v1/subscriptions/{Id(subscription)}", new() { ["default_payment_method"] = Id(failing) });
        Check(status == HttpStatusCode.OK && (string?)updated["default_payment_method"] == Id(failing), "the subscription's default payment method changes", Show(status, updated));
        var nextEnd = DateTimeOffset.FromUnixTimeSeconds(periodEnd).AddMonths(1).ToUnixTimeSeconds();
        await AdvanceAsync(Id(clock), nextEnd + 3600);
        (status, invoices) = await GetAsync($"/v1/invoices?subscription={Id(subscription)}&status=open");
        var failed = invoices["data"]?[0];
        Check(status == HttpStatusCode.OK && (long?)failed?["attempt_count"] == 1 && failed?["next_payment_attempt"] is JsonValue,
            "the renewal with the 0341 card is declined: open, attempt_count 1, a next_payment_attempt", Show(status, invoices));
        (status, var pastDue) = await GetAsync($"/v1/subscriptions/{Id(subscription)}");
        Check(status == HttpStatusCode.OK && (string?)pastDue["status"] == "past_due", "the subscription is past_due", Show(status, pastDue));
        (status, var voided) = await PostAsync($"/v1/invoices/{(string?)failed?["id"]}/void", []);
        Check(status == HttpStatusCode.OK && (string?)voided["status"] == "void", "the open invoice is voided", Show(status, voided));
        (status, var canceled) = await DeleteAsync($"/v1/subscriptions/{Id(subscription)}");
        Check(status == HttpStatusCode.OK && (string?)canceled["status"] == "canceled", "the subscription is canceled", Show(status, canceled));
    }

    /// <summary>Advances a test clock and waits until it is ready (Stripe advances in the background).</summary>
    private async Task AdvanceAsync(string clock, long to)
    {
        var (status, advanced) = await PostAsync($"/v1/test_helpers/test_clocks/{clock}/advance", new() { ["frozen_time"] = $"{to}" });
        for (var attempt = 0; attempt < 30 && status == HttpStatusCode.OK && (string?)advanced["status"] != "ready"; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            (status, advanced) = await GetAsync($"/v1/test_helpers/test_clocks/{clock}");
        }

        Check(status == HttpStatusCode.OK && (string?)advanced["status"] == "ready" && (long?)advanced["frozen_time"] == to, "the test clock advances and is ready", Show(status, advanced));
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> DeleteAsync(string path)
    {
        using var response = await http.DeleteAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject ?? []);
    }

    /// <summary>What /my/cards and the fee page ask: a setup-mode session to save a card, the customer's cards, a card removed.</summary>
    private async Task SavedCardsAsync(string customerId, string methodId, string run)
    {
        var (status, setup) = await PostAsync("/v1/checkout/sessions", new()
        {
            ["mode"] = "setup", ["customer"] = customerId, ["currency"] = "usd", ["success_url"] = "https://example.test/my/cards/saved?session_id={CHECKOUT_SESSION_ID}",
            ["cancel_url"] = "https://example.test/my/cards", ["metadata[contract_run]"] = run, ["setup_intent_data[metadata][contract_run]"] = run,
        }, $"contract-setup-{run}");
        Check(status == HttpStatusCode.OK && Id(setup).StartsWith("cs_", StringComparison.Ordinal) && (string?)setup["mode"] == "setup"
            && (string?)setup["status"] == "open" && ((string?)setup["url"])?.StartsWith("http", StringComparison.Ordinal) == true,
            "a Checkout Session in setup mode opens with a hosted page's url", Show(status, setup));
        var setupId = Id(setup);
        (status, var read) = await GetAsync($"/v1/checkout/sessions/{setupId}");
        Check(status == HttpStatusCode.OK && Id(read) == setupId && (string?)read["customer"] == customerId && (string?)read["metadata"]?["contract_run"] == run,
            "the setup session reads back with its customer and metadata", Show(status, read));
        (status, var expired) = await PostAsync($"/v1/checkout/sessions/{setupId}/expire", []);
        Check(status == HttpStatusCode.OK && (string?)expired["status"] == "expired", "the setup session, never completed, expires on request", Show(status, expired));

        (status, var cards) = await GetAsync($"/v1/customers/{customerId}/payment_methods?type=card");
        Check(status == HttpStatusCode.OK && Ids(cards).Contains(methodId), "the customer's cards list the attached card", Show(status, cards));
        (status, var listed) = await GetAsync($"/v1/payment_methods?customer={customerId}&type=card");
        Check(status == HttpStatusCode.OK && Ids(listed).Contains(methodId), "the payment methods of the customer list it too", Show(status, listed));

        (status, var detached) = await PostAsync($"/v1/payment_methods/{methodId}/detach", []);
        Check(status == HttpStatusCode.OK && Id(detached) == methodId && detached["customer"] is null, "the card detaches: no customer any more", Show(status, detached));
        (status, cards) = await GetAsync($"/v1/customers/{customerId}/payment_methods?type=card");
        Check(status == HttpStatusCode.OK && !Ids(cards).Contains(methodId), "the detached card is no longer listed", Show(status, cards));
        (status, var again) = await PostAsync($"/v1/payment_methods/{methodId}/detach", []);
        Check(status == HttpStatusCode.BadRequest && (string?)again["error"]?["type"] == "invalid_request_error",
            "detaching it again is refused: 400 invalid_request_error", Show(status, again));
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(string pathAndQuery)
    {
        using var response = await http.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject ?? []);
    }

    private static List<string> Ids(JsonObject list) => [.. (list["data"]?.AsArray() ?? []).Select(m => (string?)m?["id"] ?? string.Empty)];

    /// <summary>Stripe lists events shortly after the change; they are looked for a few times, up to about half a minute.</summary>
    private async Task EventsAsync(string paidId, string? declinedId, string? chargeId)
    {
        var wanted = new (string Type, string? Subject)[] { ("payment_intent.succeeded", paidId), ("payment_intent.payment_failed", declinedId), ("charge.refunded", chargeId) };
        var missing = wanted.ToList();
        for (var attempt = 0; attempt < 15 && missing.Count > 0; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            using var response = await http.GetAsync(new Uri("/v1/events?limit=100", UriKind.Relative));
            var list = JsonNode.Parse(await response.Content.ReadAsStringAsync())?["data"]?.AsArray() ?? [];
            missing.RemoveAll(w => list.Any(e => (string?)e?["type"] == w.Type && (string?)e?["data"]?["object"]?["id"] == w.Subject));
        }

        foreach (var (type, subject) in wanted)
        {
            Check(!missing.Contains((type, subject)), $"the events list has {type} for {subject}", "not listed");
        }
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string path, Dictionary<string, string> form, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(form) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text) as JsonObject ?? []);
    }

    private static string Id(JsonObject body) => (string?)body["id"] ?? string.Empty;

    private static string Show(HttpStatusCode status, JsonObject body)
    {
        var text = body.ToJsonString();
        return $"{(int)status} {(text.Length > 300 ? text[..300] + "…" : text)}";
    }

    private void Check(bool passed, string what, string detail)
    {
        Console.WriteLine(passed ? $"ok      {what}" : $"FAILED  {what}: {detail}");
        _failures += passed ? 0 : 1;
    }
}
