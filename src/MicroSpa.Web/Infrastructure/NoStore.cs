using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// Every page and export the app renders is sent with Cache-Control: no-store, so a chart, a client
/// profile or an audit CSV is never kept by the browser or a shared proxy for the next person at the
/// computer. Exceptions: static files, and the public API answers cached on purpose (OutputCache, decision 017).
/// An action may still set its own Cache-Control (it runs later).
/// </summary>
public static class NoStore
{
    public static WebApplication UseNoStore(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<OutputCacheAttribute>() is null)
            {
                context.Response.Headers[HeaderNames.CacheControl] = "no-store";
            }

            return next(context);
        });
        return app;
    }
}
