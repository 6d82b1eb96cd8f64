using System.Globalization;
using System.Text.RegularExpressions;
using MicroSpa.Data;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// The cards a client saved with the clinic, read live from Stripe (the card details stay at Stripe; MicroSpa keeps only
/// the client's customer id). The cards page lists and removes them, the 48-hour reminder warns when none will still be
/// valid on the day of the visit, the desk charges a fee to one.
/// </summary>
public sealed partial class SavedCards(MicroSpaDbContext db, IOptions<StripeOptions> options, IServiceProvider services)
{
    /// <summary>A saved card as Stripe describes it (no number: brand, last four, expiry).</summary>
    public sealed record Card(string Id, string Brand, string LastFour, int ExpiryMonth, int ExpiryYear)
    {
        /// <summary>A card works through the last day of its expiry month.</summary>
        public DateOnly LastValidDay => new DateOnly(ExpiryYear, ExpiryMonth, 1).AddMonths(1).AddDays(-1);

        public bool ValidOn(DateOnly day) => day <= LastValidDay;

        /// <summary>"Visa ending in 4242".</summary>
        public string Describe() => $"{BrandName(Brand)} ending in {LastFour}";

        /// <summary>"11/2026".</summary>
        public string Expiry => string.Create(CultureInfo.InvariantCulture, $"{ExpiryMonth:00}/{ExpiryYear}");
    }

    /// <summary>Stripe's brand codes (visa, mastercard, amex…) as a client reads them.</summary>
    public static string BrandName(string? brand) => brand switch
    {
        "visa" => "Visa",
        "mastercard" => "Mastercard",
        "amex" => "American Express",
        "discover" => "Discover",
        "diners" => "Diners Club",
        "jcb" => "JCB",
        "unionpay" => "UnionPay",
        null or "" or "unknown" => "Card",
        _ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(brand),
    };

    /// <summary>Whether the clinic takes online payments: without keys there are no saved cards to speak of.</summary>
    public bool Available => options.Value.TakesOnlinePayments;

    /// <summary>A payment method id as Stripe makes them; anything else is not looked up.</summary>
    public static bool LooksLikePaymentMethod(string? id) => id is { Length: <= 100 } && PaymentMethodId().IsMatch(id);

    /// <summary>
    /// Stripe's client, resolved only when keys are set: this class is used by the reminders, which run whether or not the
    /// clinic takes online payments, and the client cannot be made without a key.
    /// </summary>
    private IStripeClient Stripe => services.GetRequiredService<IStripeClient>();

    /// <summary>The client's customer at Stripe (cus_…), if one was made.</summary>
    public Task<string?> CustomerAsync(Guid clientId, CancellationToken cancellationToken) =>
        db.PaymentCustomers.AsNoTracking().Where(c => c.ClientId == clientId).Select(c => c.CustomerId).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The client's saved cards, newest first; none without a customer. Throws what Stripe.net throws when Stripe cannot answer.</summary>
    public async Task<IReadOnlyList<Card>> ForClientAsync(Guid clientId, CancellationToken cancellationToken)
    {
        if (!Available || await CustomerAsync(clientId, cancellationToken) is not { } customer)
        {
            return [];
        }

        var methods = await new CustomerPaymentMethodService(Stripe).ListAsync(
            customer, new CustomerPaymentMethodListOptions { Type = "card", Limit = 100 }, null, cancellationToken);
        return [.. methods.Data.Where(m => m.Card is not null && m.CustomerId == customer).Select(ToCard)];
    }

    /// <summary>One saved card of the client's, or null when the id is not one of theirs (someone else's, detached, unknown).</summary>
    public async Task<Card?> OneAsync(Guid clientId, string paymentMethodId, CancellationToken cancellationToken) =>
        (await ForClientAsync(clientId, cancellationToken)).FirstOrDefault(c => c.Id == paymentMethodId);

    private static Card ToCard(PaymentMethod method) => new(
        method.Id, method.Card.Brand ?? "unknown", method.Card.Last4 ?? "????", (int)method.Card.ExpMonth, (int)method.Card.ExpYear);

    [GeneratedRegex("^pm_[A-Za-z0-9_]{1,96}$", RegexOptions.CultureInvariant)]
    private static partial Regex PaymentMethodId();
}
