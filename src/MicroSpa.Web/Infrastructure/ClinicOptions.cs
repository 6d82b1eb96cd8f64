using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace MicroSpa.Web.Infrastructure;

/// <summary>The clinic's identity and locale, from the "Clinic" configuration section.</summary>
public sealed class ClinicOptions
{
    public const string Section = "Clinic";

    [Required]
    public string Name { get; set; } = "MicroSpa Clinic";

    /// <summary>IANA zone id, e.g. America/New_York. Times are stored as UTC and shown in this zone.</summary>
    [Required]
    public string TimeZone { get; set; } = "America/New_York";

    /// <summary>Culture for prices and dates, e.g. en-US.</summary>
    [Required]
    public string Culture { get; set; } = "en-US";

    /// <summary>
    /// The address clients and staff open, e.g. https://clinic.example (a path is allowed: https://example.com/spa).
    /// Every link in an email is built from it, never from the request; outside Development the app answers
    /// only requests for its host (AllowedHosts). Required: appsettings.Development.json sets http://localhost:5080.
    /// </summary>
    public string PublicUrl { get; set; } = string.Empty;

    /// <summary>
    /// The clinic's one currency, an ISO 4217 code (USD, EUR, CAD): every amount of the ledger carries it (decision 032).
    /// Checked at start-up against the currencies .NET knows; changing it later does not convert invoices already made.
    /// </summary>
    [Required]
    public string Currency { get; set; } = "USD";

    public string Phone { get; set; } = string.Empty;
    public string Address { get; set; } = string.Empty;

    public CultureInfo CultureInfo => CultureInfo.GetCultureInfo(Culture);

    /// <summary><see cref="PublicUrl"/> parsed; only valid once the options passed <see cref="HasValidPublicUrl"/>.</summary>
    public Uri PublicUri => new(PublicUrl.TrimEnd('/') + "/", UriKind.Absolute);

    public const string PublicUrlMessage =
        "Clinic:PublicUrl must be the absolute http(s) address clients open, without a query (e.g. https://clinic.example; "
        + "environment variable Clinic__PublicUrl). Every link in an email is built from it, and outside Development only requests for its host are answered.";

    public const string CurrencyMessage =
        "Clinic:Currency must be an ISO 4217 currency code in capitals, e.g. USD or EUR (environment variable Clinic__Currency).";

    /// <summary>The ISO 4217 codes of the currencies of every region .NET knows (none without ICU: then three capitals pass).</summary>
    private static readonly Lazy<HashSet<string>> KnownCurrencies = new(() =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal));

    public bool HasValidCurrency() =>
        Currency is { Length: 3 } code && code.All(char.IsAsciiLetterUpper)
        && (KnownCurrencies.Value.Count == 0 || KnownCurrencies.Value.Contains(code));

    public bool HasValidPublicUrl() =>
        Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);
}
