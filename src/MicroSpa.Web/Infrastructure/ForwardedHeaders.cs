using System.Net;

namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// Behind a load balancer every request comes from the balancer's address: without X-Forwarded-For,
/// the per-IP rate limits would put every client of the clinic in one bucket, and HSTS would never be
/// sent (the app would see plain HTTP). The balancer's address must be trusted: loopback is (nginx on
/// the same machine); a balancer elsewhere is named in ForwardedHeaders:KnownProxies (comma-separated
/// addresses). A header from anyone else is ignored, so a client cannot choose its own rate-limit bucket.
/// </summary>
public static class ForwardedHeaders
{
    public static void Configure(Microsoft.AspNetCore.Builder.ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = 1;
        var configured = configuration["ForwardedHeaders:KnownProxies"] ?? string.Empty;
        foreach (var entry in configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            options.KnownProxies.Add(IPAddress.TryParse(entry, out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{entry}' is not an IP address."));
        }
    }
}
