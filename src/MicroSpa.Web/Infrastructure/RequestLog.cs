using Serilog;
using Serilog.Events;

namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// One line per request: method, route template (never the path's values or the query string, which can
/// hold a token or a searched name), status and time. Written through this host's own Serilog logger:
/// with preserveStaticLogger the static Log.Logger that the middleware would use by default is silent.
/// </summary>
public static class RequestLog
{
    public const string MessageTemplate = "HTTP {RequestMethod} {RouteTemplate} responded {StatusCode} in {Elapsed:0.0} ms";

    private const string RouteKey = "microspa.route-template";

    /// <summary>First in the pipeline, so a page re-executed for an error status is still one line, with its final status.</summary>
    public static WebApplication UseRequestLog(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<Serilog.ILogger>();
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = logger;
            options.MessageTemplate = MessageTemplate;
            options.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
            options.GetMessageTemplateProperties = (context, _, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("RouteTemplate", new ScalarValue(RouteOf(context))),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
        });
        return app;
    }

    /// <summary>Right after routing: remembers the route the request matched (not the error page it may be re-executed as).</summary>
    public static WebApplication UseRouteTemplate(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (!context.Items.ContainsKey(RouteKey) && context.GetEndpoint() is RouteEndpoint endpoint)
            {
                context.Items[RouteKey] = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            }

            return next(context);
        });
        return app;
    }

    /// <summary>The route template the request matched, e.g. /my/appointments/{id:guid}; "(static file)" or "(no route)" without one.</summary>
    public static string RouteOf(HttpContext context) =>
        TemplateOf(context) ?? (context.Response.StatusCode is >= 200 and < 400 ? "(static file)" : "(no route)");

    public static string? TemplateOf(HttpContext context) => context.Items[RouteKey] as string;
}

/// <summary>
/// ASP.NET Core puts the raw path into every event of a request (RequestPath); the path can hold a
/// waitlist offer's token. Every event carries the route template under that name instead.
/// </summary>
public sealed class RequestPathAsTemplate(IHttpContextAccessor http) : Serilog.Core.ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, Serilog.Core.ILogEventPropertyFactory propertyFactory)
    {
        if (http.HttpContext is { } context)
        {
            logEvent.AddOrUpdateProperty(new LogEventProperty("RequestPath", new ScalarValue(RequestLog.TemplateOf(context) ?? "(not routed yet)")));
        }
    }
}
