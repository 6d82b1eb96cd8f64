using System.Globalization;
using PhoneNumbers;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// A phone number as it is compared, with Google's libphonenumber: "(555) 014-2000", "555.014.2000" and "+1 555 014 2000"
/// are one number in the clinic's country (E.164). A number it cannot read is compared by its digits.
/// </summary>
public static class PhoneKeys
{
    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    /// <summary>The clinic's country (from its culture, en-US → US), the one numbers without a country code are read in.</summary>
    public static string RegionOf(CultureInfo culture)
    {
        try
        {
            return new RegionInfo(culture.Name).TwoLetterISORegionName;
        }
        catch (ArgumentException)
        {
            return "US";
        }
    }

    public static string? KeyOf(string? phone, string region)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        try
        {
            var number = Numbers.Parse(phone, region);
            if (Numbers.IsPossibleNumber(number))
            {
                return Numbers.Format(number, PhoneNumberFormat.E164);
            }
        }
        catch (NumberParseException)
        {
            // Compared by its digits below.
        }

        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        return digits.Length >= 4 ? digits : null;
    }
}
