using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// Absolute links for emails, always on the clinic's configured public address (Clinic:PublicUrl), never
/// on the Host of the request that caused the email: a password reset asked for with a forged Host header
/// must not mail the victim a link to the forger's server. Works without a request (the reminder worker).
/// </summary>
public sealed class PublicLinks(LinkGenerator links, IOptions<ClinicOptions> clinic)
{
    public Uri BaseUrl => clinic.Value.PublicUri;

    /// <summary>The absolute address of a controller action, e.g. ("ResetPassword", "Account", new { email, code }).</summary>
    public string Action(string action, string controller, object? values = null)
    {
        var baseUrl = BaseUrl;
        var pathBase = new PathString(baseUrl.AbsolutePath.TrimEnd('/'));
        return links.GetUriByAction(action, controller, values, baseUrl.Scheme, HostString.FromUriComponent(baseUrl.Authority), pathBase)
            ?? throw new InvalidOperationException($"No route for {controller}/{action}.");
    }
}
