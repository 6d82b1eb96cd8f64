using System.Security.Claims;
using MicroSpa.Data;
using MicroSpa.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace MicroSpa.Web.Features.Account;

/// <summary>A staff member with two-factor on gets ten new recovery codes (the old ones stop working).</summary>
public static class NewRecoveryCodes
{
    public sealed class Handler(UserManager<ApplicationUser> users, MicroSpaDbContext db, TimeProvider clock)
    {
        public async Task<IReadOnlyList<string>> HandleAsync(ClaimsPrincipal principal)
        {
            var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("No signed-in user.");
            if (!await users.GetTwoFactorEnabledAsync(user))
            {
                return [];
            }

            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactor.RecoveryCodeCount))!.ToList();
            await TwoFactor.AuditAsync(db, clock, user, "staff.2fa-new-codes");
            return codes;
        }
    }
}
