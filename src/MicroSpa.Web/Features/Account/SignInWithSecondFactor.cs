using System.ComponentModel.DataAnnotations;
using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Identity;

namespace MicroSpa.Web.Features.Account;

/// <summary>The second step of a staff member's sign-in: a code from the authenticator app, or a recovery code.</summary>
public static class SignInWithSecondFactor
{
    public sealed class Command
    {
        [Display(Name = "Code from your authenticator app, or a recovery code")]
        public string Code { get; set; } = string.Empty;

        public string? ReturnUrl { get; set; }
    }

    public sealed class Handler(
        SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, MicroSpaDbContext db, TimeProvider clock, ILogger<Handler> logger)
    {
        public const string WrongCodeMessage = "That code is not right. Type the 6 digits your app shows now, or one of your recovery codes.";

        /// <summary>The second step of signing in. Null outcome means there is no password step to finish (start again).</summary>
        public async Task<(Outcome? Outcome, string Landing)> HandleAsync(Command form)
        {
            var user = await signIn.GetTwoFactorAuthenticationUserAsync();
            if (user is null)
            {
                return (null, "/account/sign-in");
            }

            var code = TwoFactor.Clean(form.Code);
            if (code.Length == 0)
            {
                return (Outcome.Fail(nameof(Command.Code), "Type the code from your authenticator app."), string.Empty);
            }

            var result = code.Length == 6 && code.All(char.IsAsciiDigit)
                ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
                : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
            await TwoFactor.AuditAsync(db, clock, user, result.Succeeded ? SignIn.Handler.StaffSignedIn : result.IsLockedOut ? SignIn.Handler.StaffLockedOut : SignIn.Handler.StaffSignInFailed);
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
                : (Outcome.Fail(nameof(Command.Code), WrongCodeMessage), string.Empty);
        }
    }
}
