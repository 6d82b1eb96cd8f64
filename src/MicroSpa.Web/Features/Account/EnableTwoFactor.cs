using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Identity;

namespace MicroSpa.Web.Features.Account;

/// <summary>A staff member turns two-factor sign-in on with a code proving the app holds the key.</summary>
public static class EnableTwoFactor
{
    public sealed class Command
    {
        [Display(Name = "Code from your authenticator app")]
        public string Code { get; set; } = string.Empty;

        /// <summary>The page the staff member asked for before being sent here.</summary>
        public string? ReturnUrl { get; set; }
    }

    public sealed class Handler(
        SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, MicroSpaDbContext db, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <summary>Turns two-factor on when the code proves the app holds the key; returns the recovery codes, shown once.</summary>
        public async Task<(Outcome Outcome, IReadOnlyList<string> Codes)> HandleAsync(ClaimsPrincipal principal, Command form)
        {
            var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("No signed-in user.");
            var code = TwoFactor.Clean(form.Code);
            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                return (Outcome.Fail(nameof(Command.Code), "That code is not right. Check the app shows MicroSpa and type the 6 digits it shows now."), []);
            }

            await users.SetTwoFactorEnabledAsync(user, true);
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactor.RecoveryCodeCount))!.ToList();

            // The session now counts as signed in with two factors (and carries the new security stamp).
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
            await TwoFactor.AuditAsync(db, clock, user, "staff.2fa-on");
            logger.LogInformation("Account {UserId} turned on two-factor sign-in", user.Id);
            return (Outcome.Success, codes);
        }
    }
}
