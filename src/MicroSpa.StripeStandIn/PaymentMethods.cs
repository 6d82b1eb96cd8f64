using System.Text.Json.Nodes;

namespace MicroSpa.StripeStandIn;

/// <summary>
/// Payment methods named by id or by one of Stripe's test tokens (pm_card_visa…): a token stands for a new payment
/// method of its test card each time it is used, as Stripe makes one.
/// </summary>
public static class PaymentMethods
{
    /// <summary>
    /// POST /v1/payment_methods/{id}/attach: a token's card becomes a new payment method of the customer (a new pm_ id);
    /// a card that is declined outright is refused on attaching, as Stripe checks it then.
    /// </summary>
    public static JsonObject Attach(Store store, FormParams p, string id)
    {
        var customer = (string)store.Live(p["customer"] ?? throw Api.Missing("customer"), "customer")["id"]!;
        if (TestCard.FromToken(id) is { } card)
        {
            if (card.Behaviour is CardBehaviour.Declines)
            {
                throw new StripeError(402, "card_error", "Your card was declined.", "card_declined", declineCode: "generic_decline");
            }

            return (JsonObject)store.NewPaymentMethod(card, 12, DateTimeOffset.FromUnixTimeSeconds(store.Now).Year + 3, customer).DeepClone();
        }

        var method = store.Live(id, "payment_method");
        if (method["customer"] is { } owner && (string?)owner != customer)
        {
            throw new StripeError(400, "invalid_request_error", "The payment method you provided has already been attached to a customer.", param: "payment_method");
        }

        if (method["customer"] is null)
        {
            method["customer"] = customer;
            store.Announce("payment_method.attached", method);
        }

        return (JsonObject)method.DeepClone();
    }

    /// <summary>The payment method a payment intent is confirmed with: a token's new one (no customer's), or the customer's own.</summary>
    public static string ForIntent(Store store, string method, string? customer)
    {
        if (TestCard.FromToken(method) is { } card)
        {
            return (string)store.NewPaymentMethod(card, 12, DateTimeOffset.FromUnixTimeSeconds(store.Now).Year + 3, customer: null)["id"]!;
        }

        if ((string?)store.Live(method, "payment_method")["customer"] != customer)
        {
            throw new StripeError(400, "invalid_request_error", $"The provided PaymentMethod {method} does not belong to the customer.", param: "payment_method");
        }

        return method;
    }
}
