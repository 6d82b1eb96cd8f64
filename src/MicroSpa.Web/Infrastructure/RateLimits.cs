using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace MicroSpa.Web.Infrastructure;

/// <summary>Rate limits (429 when exceeded), per client IP, from the "RateLimits" configuration section.</summary>
public static class RateLimits
{
    public const string PublicApi = "public-api";
    public const string Booking = "booking";

    /// <summary>Sign-in, registration, password reset and confirmation emails: guessing and mail bombing.</summary>
    public const string Account = "account";

    public static void Configure(RateLimiterOptions options, IConfiguration configuration)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (context, cancellationToken) =>
        {
            context.HttpContext.Response.Headers.RetryAfter = "60";
            await Results.Problem(
                    title: "Too many requests",
                    detail: "Please wait a minute and try again.",
                    statusCode: StatusCodes.Status429TooManyRequests)
                .ExecuteAsync(context.HttpContext);
        };
        AddPerIp(options, PublicApi, configuration.GetValue("RateLimits:PublicApiPerMinute", 600));
        AddPerIp(options, Booking, configuration.GetValue("RateLimits:BookingPerMinute", 120));
        AddPerIp(options, Account, configuration.GetValue("RateLimits:AccountPerMinute", 30));
    }

    private static void AddPerIp(RateLimiterOptions options, string name, int permitsPerMinute) =>
        options.AddPolicy(name, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
}
