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

    public string Phone { get; set; } = string.Empty;
    public string Address { get; set; } = string.Empty;

    public CultureInfo CultureInfo => CultureInfo.GetCultureInfo(Culture);
}
