using System.Security.Claims;
using MicroSpa.Data;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Sessions;

/// <summary>The signed-in person's open sessions: on which device, since when, last seen when.</summary>
public static class OpenSessions
{
    public sealed record Session(Guid Id, string Device, DateTimeOffset SignedInAt, DateTimeOffset LastSeenAt, bool ThisDevice);

    public sealed class Handler(MicroSpaDbContext db, IHttpContextAccessor http, TimeProvider clock)
    {
        public async Task<IReadOnlyList<Session>> HandleAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
        {
            var userId = Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)!);
            var current = http.HttpContext is { } context ? ServerSessions.CurrentId(context) : null;
            var now = clock.GetUtcNow();
            var rows = await db.AuthSessions.AsNoTracking()
                .Where(s => s.UserId == userId && (s.ExpiresAt == null || s.ExpiresAt > now))
                .OrderByDescending(s => s.LastSeenAt)
                .Select(s => new { s.Id, s.Device, s.CreatedAt, s.LastSeenAt })
                .ToListAsync(cancellationToken);
            return rows.Select(r => new Session(r.Id, Describe(r.Device), r.CreatedAt, r.LastSeenAt, r.Id == current))
                .OrderByDescending(s => s.ThisDevice)
                .ToList();
        }

        /// <summary>"Chrome on Android" from a User-Agent header: enough for a person to recognise their own device.</summary>
        public static string Describe(string userAgent)
        {
            string? browser = userAgent switch
            {
                _ when userAgent.Contains("Edg/", StringComparison.Ordinal) => "Edge",
                _ when userAgent.Contains("Firefox/", StringComparison.Ordinal) => "Firefox",
                _ when userAgent.Contains("Chrome/", StringComparison.Ordinal) => "Chrome",
                _ when userAgent.Contains("Safari/", StringComparison.Ordinal) => "Safari",
                _ => null,
            };
            string? system = userAgent switch
            {
                _ when userAgent.Contains("iPhone", StringComparison.Ordinal) => "iPhone",
                _ when userAgent.Contains("iPad", StringComparison.Ordinal) => "iPad",
                _ when userAgent.Contains("Android", StringComparison.Ordinal) => "Android",
                _ when userAgent.Contains("Windows", StringComparison.Ordinal) => "Windows",
                _ when userAgent.Contains("Mac OS X", StringComparison.Ordinal) => "Mac",
                _ when userAgent.Contains("Linux", StringComparison.Ordinal) => "Linux",
                _ => null,
            };
            return (browser, system) switch
            {
                (null, null) => userAgent.Length > 60 ? userAgent[..60] + "…" : userAgent,
                (null, _) => system!,
                (_, null) => browser,
                _ => $"{browser} on {system}",
            };
        }
    }
}
