using System.Text.Json.Serialization;
using MicroSpa.Web.Infrastructure;

namespace MicroSpa.Web.Features.Home;

/// <summary>
/// What a phone needs to put the clinic on its home screen (W3C Web Application Manifest): the clinic's name, the icons
/// drawn by scripts/make-icons.py, where it opens (the service menu) and the accent colour of the site.
/// </summary>
public sealed record WebManifest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("short_name")] string ShortName,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("start_url")] string StartUrl,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("display")] string Display,
    [property: JsonPropertyName("theme_color")] string ThemeColor,
    [property: JsonPropertyName("background_color")] string BackgroundColor,
    [property: JsonPropertyName("icons")] IReadOnlyList<WebManifest.Icon> Icons)
{
    public const string ContentType = "application/manifest+json";

    /// <summary>The accent of site.css (buttons, links): the browser's bar takes it on a phone.</summary>
    public const string ThemeColour = "#7b3f61";

    /// <summary>A home-screen label longer than this is cut by most launchers.</summary>
    private const int ShortNameLength = 12;

    public sealed record Icon(
        [property: JsonPropertyName("src")] string Src,
        [property: JsonPropertyName("sizes")] string Sizes,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("purpose")] string Purpose);

    public static WebManifest For(ClinicOptions clinic)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        var shortName = clinic.Name.Length <= ShortNameLength ? clinic.Name : clinic.Name[..ShortNameLength].TrimEnd();
        return new WebManifest(
            clinic.Name, shortName, $"Book your sessions at {clinic.Name} and find your appointments and aftercare.",
            "/", "/", "standalone", ThemeColour, "#ffffff",
            [
                new Icon("/icons/icon-192.png", "192x192", "image/png", "any"),
                new Icon("/icons/icon-512.png", "512x512", "image/png", "any"),
                new Icon("/icons/icon-maskable-512.png", "512x512", "image/png", "maskable"),
            ]);
    }
}
