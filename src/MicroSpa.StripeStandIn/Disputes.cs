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

    /// <summary>
    /// The bank decided (won or lost), as Stripe closes a dispute and announces charge.dispute.closed: the dispute's
    /// status changes and the evidence is no longer taken.
    /// </summary>
    public static JsonObject Close(Store store, string disputeId, string status) => store.Write(() =>
    {
        if (status is not ("won" or "lost"))
        {
            throw new StripeError(400, "invalid_request_error", "status must be won or lost.", "parameter_invalid_empty");
        }

        var dispute = store.Live(disputeId, "dispute");
        var previous = new JsonObject { ["status"] = dispute["status"]?.DeepClone() };
        dispute["status"] = status;
        dispute["evidence_details"]!["due_by"] = null;
        store.Announce("charge.dispute.closed", dispute, previous);
        return (JsonObject)dispute.DeepClone();
    });
}
