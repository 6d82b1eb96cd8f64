using System.Text.Json.Nodes;

namespace MicroSpa.StripeStandIn;

/// <summary>Refunds of a payment intent's charge, in part or in full, never above what is left (as Stripe refuses it).</summary>
public static class Refunds
{
    public static JsonObject Create(Store store, FormParams p)
    {
        var chargeId = p["charge"];
        if (p["payment_intent"] is { } intentId)
        {
            var intent = store.Live(intentId, "payment_intent");
            chargeId = (string?)intent["latest_charge"]
                ?? throw new StripeError(400, "invalid_request_error", $"This PaymentIntent ({intentId}) does not have a successful charge to refund.", param: "payment_intent");
        }

        var charge = store.Live(chargeId ?? throw Api.Missing("payment_intent"), "charge");
        var left = (long)charge["amount"]! - (long)charge["amount_refunded"]!;
        var amount = p.Long("amount") ?? left;
        if (amount <= 0 || amount > left)
        {
            throw new StripeError(400, "invalid_request_error",
                $"Refund amount ({Cents(amount)}) is greater than unrefunded amount on charge ({Cents(left)})", "amount_too_large", "amount");
        }

        var previous = new JsonObject { ["amount_refunded"] = charge["amount_refunded"]!.DeepClone(), ["refunded"] = charge["refunded"]!.DeepClone() };
        var refund = store.Add(new JsonObject
        {
            ["id"] = Store.NewId("re"),
            ["object"] = "refund",
            ["amount"] = amount,
            ["charge"] = chargeId,
            ["payment_intent"] = charge["payment_intent"]?.DeepClone(),
            ["currency"] = charge["currency"]?.DeepClone(),
            ["status"] = "succeeded",
            ["reason"] = p["reason"],
            ["metadata"] = Store.Metadata(p.Children("metadata")),
            ["created"] = store.Now,
        });
        charge["amount_refunded"] = (long)charge["amount_refunded"]! + amount;
        charge["refunded"] = (long)charge["amount_refunded"]! == (long)charge["amount"]!;
        store.Announce("charge.refunded", charge, previous);
        store.Announce("refund.created", refund);
        return (JsonObject)refund.DeepClone();
    }

    private static string Cents(long amount) => $"${amount / 100}.{Math.Abs(amount % 100):00}";
}
