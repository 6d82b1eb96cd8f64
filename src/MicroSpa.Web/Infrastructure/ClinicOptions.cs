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

    public string Phone { get; set; } = string.Empty;
    public string Address { get; set; } = string.Empty;

    public CultureInfo CultureInfo => CultureInfo.GetCultureInfo(Culture);

    /// <summary><see cref="PublicUrl"/> parsed; only valid once the options passed <see cref="HasValidPublicUrl"/>.</summary>
    public Uri PublicUri => new(PublicUrl.TrimEnd('/') + "/", UriKind.Absolute);

    public const string PublicUrlMessage =
        "Clinic:PublicUrl must be the absolute http(s) address clients open, without a query (e.g. https://clinic.example; "
        + "environment variable Clinic__PublicUrl). Every link in an email is built from it, and outside Development only requests for its host are answered.";

    public bool HasValidPublicUrl() =>
        Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);
}
