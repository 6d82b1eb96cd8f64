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

    /// <summary>A client's records archive (every chart and photo read): per signed-in account, a few an hour.</summary>
    public const string Records = "records";

    /// <summary>The gift card balance lookup: guessing codes (decision 048), a few a minute per address.</summary>
    public const string GiftCardLookup = "gift-card-lookup";

    /// <summary>Placing a gift card order (decision 064): each keeps a buyer's and a recipient's names and addresses for a day, and opens a Stripe page.</summary>
    public const string GiftCardShop = "gift-card-shop";

    public static void Configure(RateLimiterOptions options, IConfiguration configuration)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (context, cancellationToken) =>
        {
            // The limiter says when the window reopens (an hour's window is not "a minute").
            var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.FromMinutes(1)
                ? retryAfter
                : TimeSpan.FromMinutes(1);
            var minutes = (int)Math.Ceiling(wait.TotalMinutes);
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Results.Problem(
                    title: "Too many requests",
                    detail: minutes <= 1 ? "Please wait a minute and try again." : $"Please wait {minutes} minutes and try again.",
                    statusCode: StatusCodes.Status429TooManyRequests)
                .ExecuteAsync(context.HttpContext);
        };
        AddPerIp(options, PublicApi, configuration.GetValue("RateLimits:PublicApiPerMinute", 600));
        AddPerIp(options, Booking, configuration.GetValue("RateLimits:BookingPerMinute", 120));
        AddPerIp(options, Account, configuration.GetValue("RateLimits:AccountPerMinute", 30));
        AddPerIp(options, GiftCardShop, configuration.GetValue("RateLimits:GiftCardShopPerMinute", 10));
        AddPerIp(options, GiftCardLookup, configuration.GetValue("RateLimits:GiftCardLookupPerMinute", 10));
        var recordsPerHour = configuration.GetValue("RateLimits:RecordsPerHour", 10);
        options.AddPolicy(Records, context => RateLimitPartition.GetFixedWindowLimiter(
            context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = recordsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
    }

    private static void AddPerIp(RateLimiterOptions options, string name, int permitsPerMinute) =>
        options.AddPolicy(name, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
}
