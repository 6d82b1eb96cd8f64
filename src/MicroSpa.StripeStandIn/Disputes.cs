using System.Text.Json.Nodes;

namespace MicroSpa.StripeStandIn;

/// <summary>A chargeback on a charge, as Stripe opens one when the card's bank disputes it (charge.dispute.created).</summary>
public static class Disputes
{
    public static JsonObject Open(Store store, string chargeId) => store.Write(() =>
    {
        var charge = store.Live(chargeId, "charge");
        charge["disputed"] = true;
        var dispute = store.Add(new JsonObject
        {
            ["id"] = Store.NewId("dp"),
            ["object"] = "dispute",
            ["amount"] = charge["amount"]!.DeepClone(),
            ["currency"] = charge["currency"]!.DeepClone(),
            ["charge"] = chargeId,
            ["payment_intent"] = charge["payment_intent"]?.DeepClone(),
            ["reason"] = "fraudulent",
            ["status"] = "needs_response",
            ["is_charge_refundable"] = false,
            ["evidence_details"] = new JsonObject { ["due_by"] = store.Now + (7 * 24 * 3600), ["has_evidence"] = false, ["submission_count"] = 0 },
            ["created"] = store.Now,
            ["livemode"] = false,
            ["metadata"] = new JsonObject(),
        });
        store.Announce("charge.dispute.created", dispute);
        return (JsonObject)dispute.DeepClone();
    });
}
