namespace MicroSpa.Domain.Billing;

/// <summary>
/// Which ledger payments the payment provider took (issue 18, decision 038): their reference is the provider's payment
/// intent (pi_…). A deposit used on an invoice is the Deposit tender with it; a card charged online (a fee Stripe charged
/// to a saved card, or paid on the link's page) is the Card tender with it, unlike a card on the clinic's own terminal,
/// which has an approval code and no reference. Money back to either goes through the provider, never only on the ledger.
/// </summary>
public static class ChargedOnline
{
    public const string PaymentIntentPrefix = "pi_";

    /// <summary>The reference names a provider's payment intent.</summary>
    public static bool IsPaymentIntent(string? reference) =>
        reference is { Length: > 3 } && reference.StartsWith(PaymentIntentPrefix, StringComparison.Ordinal);

    /// <summary>A card the provider charged: the Card tender whose reference is a payment intent.</summary>
    public static bool IsCard(Tender? tender, string? reference) => tender == Tender.Card && IsPaymentIntent(reference);

    /// <summary>A payment the provider took: a deposit used, or a card it charged.</summary>
    public static bool IsProviderPayment(Tender? tender, string? reference) => (tender == Tender.Deposit && IsPaymentIntent(reference)) || IsCard(tender, reference);
}
