using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// <c>HEAD</c> answers as <c>GET</c> does, without the body (RFC 9110 9.3.2), on the public pages: MVC's <c>[HttpGet]</c>
/// matches only GET, so <c>HEAD /</c> was a 404 while <c>GET /</c> worked; link checkers, uptime monitors and some
/// browsers' previews ask HEAD. The request runs as the GET it stands for (same route, same access rules) and whatever it
/// writes goes nowhere; the status and headers are the GET's. Static files answer HEAD on their own, before this.
/// A page behind a sign-in is not run for a HEAD (405, <c>Allow: GET</c>): running it would do a GET's work with nothing
/// shown, and some of that work is recorded as a disclosure (an audited chart view, a records download counted against
/// the hourly limit), which a download manager's or link checker's HEAD with the user's cookies must not cause.
/// </summary>
public static class HeadRequests
{
    private const string AskedHead = "microspa.head";

    /// <summary>Before routing: a HEAD is routed as the GET it stands for.</summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }

            context.Request.Method = HttpMethods.Get;
            context.Items[AskedHead] = true;
            var body = context.Response.Body;
            context.Response.Body = Stream.Null;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = body;
                context.Request.Method = HttpMethods.Head;
            }
        });

    /// <summary>After routing: a HEAD reaches only the pages anyone may open.</summary>
    public static IApplicationBuilder UseHeadOnlyOnPublicPages(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Items.ContainsKey(AskedHead) && context.GetEndpoint() is { } endpoint
                && endpoint.Metadata.GetMetadata<ControllerActionDescriptor>() is not null
                && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = HttpMethods.Get;
                return;
            }

            await next(context);
        });
}
