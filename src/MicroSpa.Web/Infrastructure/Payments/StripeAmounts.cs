using MicroSpa.Domain.Billing;

namespace MicroSpa.Web.Infrastructure.Payments;

/// <summary>
/// Stripe counts money in the currency's smallest unit (cents; whole yen for a zero-decimal currency) as an integer, and
/// names currencies in lower case. MicroSpa's <see cref="Money"/> is a decimal with an ISO code: the two meet here only.
/// </summary>
public static class StripeAmounts
{
    /// <summary>Stripe's zero-decimal currencies (docs.stripe.com/currencies#zero-decimal).</summary>
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.OrdinalIgnoreCase)
    {
        "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    public static long ToMinor(Money money) =>
        ZeroDecimal.Contains(money.Currency) ? decimal.ToInt64(decimal.Round(money.Amount, 0, MidpointRounding.AwayFromZero))
        : decimal.ToInt64(decimal.Round(money.Amount * 100m, 0, MidpointRounding.AwayFromZero));

    public static Money FromMinor(long amount, string currency)
    {
        var code = currency.ToUpperInvariant();
        return new Money(ZeroDecimal.Contains(code) ? amount : amount / 100m, code);
    }

    public static string Currency(Money money) => money.Currency.ToLowerInvariant();
}
