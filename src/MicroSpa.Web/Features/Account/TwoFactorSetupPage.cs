using System.Globalization;
using System.Security.Claims;
using System.Text;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Account;

/// <summary>The two-factor setup page: on already (with the recovery codes left), or the key to scan.</summary>
public static class TwoFactorSetupPage
{
    public sealed record Page(bool Enabled, string? SharedKey, string? AuthenticatorUri, int RecoveryCodesLeft)
    {
        public EnableTwoFactor.Command Form { get; init; } = new();
    }

    public sealed class Handler(UserManager<ApplicationUser> users, IOptions<ClinicOptions> clinic)
    {
        public async Task<Page> HandleAsync(ClaimsPrincipal principal)
        {
            var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("No signed-in user.");
            if (await users.GetTwoFactorEnabledAsync(user))
            {
                return new Page(true, null, null, await users.CountRecoveryCodesAsync(user));
            }

            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user);
            }

            var issuer = Uri.EscapeDataString(clinic.Value.Name);
            var account = Uri.EscapeDataString(user.Email ?? user.UserName ?? "staff");
            return new Page(false, Grouped(key!), $"otpauth://totp/{issuer}:{account}?secret={key}&issuer={issuer}&digits=6", 0);
        }

        private static string Grouped(string key)
        {
            var text = new StringBuilder();
            for (var i = 0; i < key.Length; i += 4)
            {
                text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
            }

            return text.ToString().TrimEnd().ToLower(CultureInfo.InvariantCulture);
        }
    }
}
