namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// Headers on every response that tell the browser what this site may do: scripts only from our own
/// files (never inline), no framing by anyone, no MIME sniffing, no full address sent to other sites.
/// </summary>
public static class SecurityHeaders
{
    /// <remarks>
    /// Styles allow inline attributes because the schedule grid places each block with a computed
    /// style="top/height"; styles cannot run code. Scripts have no such exception. Images allow data:
    /// URIs for the form controls' icons in Bootstrap's stylesheet.
    /// </remarks>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    private const string FormActionKey = "SecurityHeaders.FormAction";

    /// <summary>
    /// Lets this response's forms lead to <paramref name="origin"/> as well (the payment provider's hosted page, which a
    /// confirmation's post redirects to: browsers hold a form's redirects to form-action too).
    /// </summary>
    public static void AllowFormsTo(HttpContext context, string origin)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[FormActionKey] = origin;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Items[FormActionKey] is string origin
                    ? ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {origin}", StringComparison.Ordinal)
                    : ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "geolocation=(), microphone=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
