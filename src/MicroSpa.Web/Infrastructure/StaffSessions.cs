using System.Globalization;
using System.Security.Claims;
using MicroSpa.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// Staff sessions end after 15 idle minutes and 12 hours at most (a shared tablet left on the counter
/// must not stay signed in). Clients keep the usual long session on their own phone. Changes of role or
/// password are noticed within <see cref="StampCheck"/> (Identity's security stamp check).
/// </summary>
public static class StaffSessions
{
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Longest = TimeSpan.FromHours(12);
    public static readonly TimeSpan StampCheck = TimeSpan.FromMinutes(5);

    /// <summary>How often the last-seen time in the cookie is refreshed (a new cookie at most this often).</summary>
    private static readonly TimeSpan Touch = TimeSpan.FromMinutes(1);

    private const string SignedInAt = "microspa.signed-in";
    private const string LastSeenAt = "microspa.last-seen";

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Events.OnSigningIn = context =>
        {
            var now = context.Options.TimeProvider!.GetUtcNow();
            context.Properties.Items[SignedInAt] = now.ToString("O", CultureInfo.InvariantCulture);
            context.Properties.Items[LastSeenAt] = now.ToString("O", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        };
        options.Events.OnValidatePrincipal = async context =>
        {
            if (IsStaff(context.Principal) && Expired(context))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            // Then Identity's own check: a changed security stamp (role change, password reset) signs out.
            await SecurityStampValidator.ValidatePrincipalAsync(context);
        };
    }

    private static bool IsStaff(ClaimsPrincipal? principal) => principal is not null && Roles.Staff.Any(principal.IsInRole);

    private static bool Expired(CookieValidatePrincipalContext context)
    {
        var now = context.Options.TimeProvider!.GetUtcNow();
        var signedIn = Read(context.Properties, SignedInAt) ?? context.Properties.IssuedUtc ?? now;
        var lastSeen = Read(context.Properties, LastSeenAt) ?? signedIn;
        if (now - signedIn > Longest || now - lastSeen > Idle)
        {
            return true;
        }

        if (now - lastSeen > Touch)
        {
            context.Properties.Items[LastSeenAt] = now.ToString("O", CultureInfo.InvariantCulture);
            context.ShouldRenew = true;
        }

        return false;
    }

    private static DateTimeOffset? Read(AuthenticationProperties properties, string key) =>
        properties.Items.TryGetValue(key, out var value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;
}
