using System.Security.Cryptography;
using System.Text;
using MicroSpa.Data;
using MicroSpa.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// Checks authenticator codes (RFC 6238) and accepts each one once: the account remembers the last
/// 30-second step whose code was accepted, and a code of that step or an earlier one is refused
/// (RFC 6238 section 5.2). Identity's own provider accepted one code any number of times in its window.
/// The step is claimed with one conditional UPDATE, so twenty sign-ins racing with the same code get one
/// session between them.
/// </summary>
public sealed class OneTimeAuthenticatorCodes(MicroSpaDbContext db, TimeProvider clock) : AuthenticatorTokenProvider<ApplicationUser>
{
    public const string Name = "MicroSpaAuthenticator";

    /// <summary>Steps either side of now whose codes are still taken (a phone's clock a little off, a slow typist), as Identity allowed.</summary>
    private const int Drift = 2;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token.Length != 6 || !token.All(char.IsAsciiDigit))
        {
            return false;
        }

        var now = Rfc6238.Step(clock.GetUtcNow());
        for (var step = now - Drift; step <= now + Drift; step++)
        {
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Rfc6238.Code(key, step)), Encoding.ASCII.GetBytes(token)))
            {
                continue;
            }

            var claimed = await db.Users
                .Where(u => u.Id == user.Id && (u.LastTotpStep == null || u.LastTotpStep < step))
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.LastTotpStep, step));
            return claimed == 1;
        }

        return false;
    }
}

/// <summary>
/// Identity's sign-in with one rule added: a deactivated account (<see cref="ApplicationUser.DeactivatedAt"/>)
/// is refused at every step, the password, the second factor and the periodic session check, whatever its
/// password or lockout say.
/// </summary>
public sealed class AccountSignInManager(
    UserManager<ApplicationUser> users,
    IHttpContextAccessor http,
    IUserClaimsPrincipalFactory<ApplicationUser> claims,
    Microsoft.Extensions.Options.IOptions<IdentityOptions> options,
    ILogger<SignInManager<ApplicationUser>> logger,
    Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ApplicationUser user) => !user.Deactivated && await base.CanSignInAsync(user);

    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient) =>
        await GetTwoFactorAuthenticationUserAsync() is { Deactivated: true } ? SignInResult.NotAllowed
        : await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient);

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode) =>
        await GetTwoFactorAuthenticationUserAsync() is { Deactivated: true } ? SignInResult.NotAllowed
        : await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);

    public override async Task<ApplicationUser?> ValidateSecurityStampAsync(System.Security.Claims.ClaimsPrincipal? principal) =>
        await base.ValidateSecurityStampAsync(principal) is { Deactivated: false } user ? user : null;
}
