using Microsoft.AspNetCore.Mvc.Razor;

namespace MicroSpa.Web.Infrastructure;

internal static class FeatureViewLocations
{
    /// <summary>Views live beside their feature: Features/{Controller}/Views/{Action}.cshtml.</summary>
    public static void Configure(RazorViewEngineOptions options)
    {
        options.ViewLocationFormats.Clear();
        options.ViewLocationFormats.Add("/Features/{1}/Views/{0}.cshtml");
        options.ViewLocationFormats.Add("/Features/Shared/Views/{0}.cshtml");
    }
}
