using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Audit;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Account;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238): staff turn it on by scanning a key and
/// typing a code, get ten single-use recovery codes, and from then on type a code after their password.
/// </summary>
public static class TwoFactor
{
    public const int RecoveryCodeCount = 10;

    public sealed class CodeForm
    {
        [Display(Name = "Code from your authenticator app, or a recovery code")]
        public string Code { get; set; } = string.Empty;

        public string? ReturnUrl { get; set; }
    }

    public sealed class SetupForm
    {
        [Display(Name = "Code from your authenticator app")]
        public string Code { get; set; } = string.Empty;

        /// <summary>The page the staff member asked for before being sent here.</summary>
        public string? ReturnUrl { get; set; }
    }

    public sealed record SetupPage(bool Enabled, string? SharedKey, string? AuthenticatorUri, int RecoveryCodesLeft)
    {
        public SetupForm Form { get; init; } = new();
    }

    public sealed record CodesPage(IReadOnlyList<string> Codes, string ContinueTo = "/");

    /// <summary>Spaces and dashes people type between the digits do not matter.</summary>
    public static string Clean(string? code) => (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Trim();

    public sealed class Handler(
        SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, MicroSpaDbContext db, IOptions<ClinicOptions> clinic, TimeProvider clock,
        ILogger<Handler> logger)
    {
        public const string WrongCodeMessage = "That code is not right. Type the 6 digits your app shows now, or one of your recovery codes.";

        /// <summary>The second step of signing in. Null outcome means there is no password step to finish (start again).</summary>
        public async Task<(Outcome? Outcome, string Landing)> SignInAsync(CodeForm form)
        {
            var user = await signIn.GetTwoFactorAuthenticationUserAsync();
            if (user is null)
            {
                return (null, "/account/sign-in");
            }

            var code = Clean(form.Code);
            if (code.Length == 0)
            {
                return (Outcome.Fail(nameof(CodeForm.Code), "Type the code from your authenticator app."), string.Empty);
            }

            var result = code.Length == 6 && code.All(char.IsAsciiDigit)
                ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
                : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
            await AuditAsync(user, result.Succeeded ? SignIn.Handler.StaffSignedIn : result.IsLockedOut ? SignIn.Handler.StaffLockedOut : SignIn.Handler.StaffSignInFailed);
            if (result.Succeeded)
            {
                logger.LogInformation("Account {UserId} signed in with a second factor", user.Id);
                return (Outcome.Success, await SignIn.Handler.LandingAsync(users, user));
            }

            if (result.IsLockedOut)
            {
                SecurityEvents.Write(logger, signIn.Context, SecurityEvents.LockedOut, StatusCodes.Status200OK, user.Id);
            }

            return result.IsLockedOut
                ? (Outcome.Fail(SignIn.Handler.LockedOutMessage), string.Empty)
                : (Outcome.Fail(nameof(CodeForm.Code), WrongCodeMessage), string.Empty);
        }

        public async Task<SetupPage> SetupPageAsync(ClaimsPrincipal principal)
        {
            var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("No signed-in user.");
            if (await users.GetTwoFactorEnabledAsync(user))
            {
                return new SetupPage(true, null, null, await users.CountRecoveryCodesAsync(user));
            }

            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user);
            }

            var issuer = Uri.EscapeDataString(clinic.Value.Name);
            var account = Uri.EscapeDataString(user.Email ?? user.UserName ?? "staff");
            return new SetupPage(false, Grouped(key!), $"otpauth://totp/{issuer}:{account}?secret={key}&issuer={issuer}&digits=6", 0);
        }

        /// <summary>Turns two-factor on when the code proves the app holds the key; returns the recovery codes, shown once.</summary>
        public async Task<(Outcome Outcome, IReadOnlyList<string> Codes)> EnableAsync(ClaimsPrincipal principal, SetupForm form)
        {
            var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("No signed-in user.");
            var code = Clean(form.Code);
            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                return (Outcome.Fail(nameof(SetupForm.Code), "That code is not right. Check the app shows MicroSpa and type the 6 digits it shows now."), []);
            }

            await users.SetTwoFactorEnabledAsync(user, true);
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();

            // The session now counts as signed in with two factors (and carries the new security stamp).
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
            await AuditAsync(user, "staff.2fa-on");
            logger.LogInformation("Account {UserId} turned on two-factor sign-in", user.Id);
            return (Outcome.Success, codes);
        }

        public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(ClaimsPrincipal principal)
        {
            var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("No signed-in user.");
            if (!await users.GetTwoFactorEnabledAsync(user))
            {
                return [];
            }

            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
            await AuditAsync(user, "staff.2fa-new-codes");
            return codes;
        }

        private async Task AuditAsync(ApplicationUser user, string action)
        {
            // Identity has saved the account already, or had its save refused (a sign-in racing this one changed
            // the row first): the audit entry is saved on its own, never the account again.
            SignIn.Handler.ForgetAccountChanges(db);
            db.AuditEntries.Add(new AuditEntry(user.Id, user.Email ?? user.UserName ?? "?", null, action, user.Id, clock.GetUtcNow()));
            await db.SaveChangesAsync();
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
