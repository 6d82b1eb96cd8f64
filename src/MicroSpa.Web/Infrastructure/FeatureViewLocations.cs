using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// Views live beside their feature and are found by the controller's namespace, as ContosoUniversity's feature
/// convention does: any controller in <c>MicroSpa.Web.Features.FrontDesk</c> finds <c>Features/FrontDesk/Views/{Action}.cshtml</c>,
/// so a feature holds several small controllers and no view path is written by hand (decision 029).
/// </summary>
internal sealed class FeatureViewLocations : IViewLocationExpander
{
    private const string FeatureKey = "feature";
    private const string FeaturesNamespace = "MicroSpa.Web.Features.";

    public static void Configure(RazorViewEngineOptions options)
    {
        options.ViewLocationFormats.Clear();
        options.ViewLocationFormats.Add("/Features/{feature}/Views/{0}.cshtml");
        options.ViewLocationFormats.Add("/Features/Shared/Views/{0}.cshtml");
        options.ViewLocationExpanders.Add(new FeatureViewLocations());
    }

    /// <summary>The feature folder of a controller: its namespace below Features ("FrontDesk"); null outside Features.</summary>
    public static string? FeatureOf(Type controller) =>
        controller.Namespace is { } name && name.StartsWith(FeaturesNamespace, StringComparison.Ordinal)
            ? name[FeaturesNamespace.Length..].Replace('.', '/')
            : null;

    public void PopulateValues(ViewLocationExpanderContext context) =>
        context.Values[FeatureKey] = context.ActionContext.ActionDescriptor is ControllerActionDescriptor action
            ? FeatureOf(action.ControllerTypeInfo)
            : null;

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations) =>
        context.Values.TryGetValue(FeatureKey, out var feature) && feature is not null
            ? viewLocations.Select(l => l.Replace("{feature}", feature, StringComparison.Ordinal))
            : viewLocations.Where(l => !l.Contains("{feature}", StringComparison.Ordinal));
}
