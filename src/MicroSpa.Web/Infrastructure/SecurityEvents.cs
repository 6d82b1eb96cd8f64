using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;

namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// Every refused access is a warning line "Security event …" with the user id (or "anonymous") and the
/// caller's address: a sign-in asked for (401), access denied (403), a 404 for a request naming an id,
/// an unsafe request without a valid antiforgery token, a lockout, a payment webhook whose signature does not verify. Ids and addresses only: never a name.
/// </summary>
public static class SecurityEvents
{
    public const string Category = "MicroSpa.Security";
    public const string SignInRequired = "sign-in-required";
    public const string Forbidden = "forbidden";
    public const string NotFoundById = "not-found-by-id";
    public const string AntiforgeryRefused = "antiforgery-refused";
    public const string LockedOut = "locked-out";
    public const string WebhookSignatureRefused = "webhook-signature-refused";

    public static void Write(ILogger logger, HttpContext context, string securityEvent, int statusCode, Guid? userId = null) =>
        logger.LogWarning(
            "Security event {SecurityEvent}: {RequestMethod} {RouteTemplate} answered {StatusCode} for user {UserId} from {RemoteAddress}",
            securityEvent,
            context.Request.Method,
            RequestLog.RouteOf(context),
            statusCode,
            userId?.ToString() ?? context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous",
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);

    /// <summary>The cookie handler turns a challenge into the sign-in page and a forbid into access denied: both are logged.</summary>
    public static void Configure(CookieAuthenticationOptions options)
    {
        var toSignIn = options.Events.OnRedirectToLogin;
        options.Events.OnRedirectToLogin = context =>
        {
            Write(Logger(context.HttpContext), context.HttpContext, SignInRequired, StatusCodes.Status401Unauthorized);
            return toSignIn(context);
        };
        var toDenied = options.Events.OnRedirectToAccessDenied;
        options.Events.OnRedirectToAccessDenied = context =>
        {
            Write(Logger(context.HttpContext), context.HttpContext, Forbidden, StatusCodes.Status403Forbidden);
            return toDenied(context);
        };
    }

    /// <summary>After authorization: a 404 for a request that named an id (someone else's appointment, a guessed id).</summary>
    public static WebApplication UseSecurityEvents(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status404NotFound
                && context.Request.RouteValues.Keys.Any(k => k.Equals("id", StringComparison.OrdinalIgnoreCase) || k.EndsWith("Id", StringComparison.Ordinal)))
            {
                Write(Logger(context), context, NotFoundById, StatusCodes.Status404NotFound);
            }
        });
        return app;
    }

    /// <summary>Runs even when the antiforgery check short-circuited the action (it is an authorization filter).</summary>
    public sealed class AntiforgeryRefusals(ILoggerFactory loggers) : IAlwaysRunResultFilter
    {
        public void OnResultExecuting(ResultExecutingContext context)
        {
            if (context.Result is IAntiforgeryValidationFailedResult)
            {
                Write(loggers.CreateLogger(Category), context.HttpContext, AntiforgeryRefused, StatusCodes.Status400BadRequest);
            }
        }

        public void OnResultExecuted(ResultExecutedContext context)
        {
        }
    }
}
