using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Domain;
using MicroSpa.Domain.Audit;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Identity;

namespace MicroSpa.Web.Features.Account;

public static class SignIn
{
    public sealed class Command
    {
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [Display(Name = "Password")]
        public string Password { get; set; } = string.Empty;

        [Display(Name = "Keep me signed in on this device")]
        public bool RememberMe { get; set; }

        public string? ReturnUrl { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).MustBeAnEmailAddress();
            RuleFor(c => c.Password).NotEmpty().WithMessage("Enter your password.")
                .MaximumLength(FieldLengths.Password).WithMessage($"A password can be at most {FieldLengths.Password} characters.");
        }
    }

    public enum Result
    {
        SignedIn,
        TwoFactorRequired,
        WrongCredentials,
        LockedOut,
        EmailNotConfirmed,
    }

    public sealed class Handler(
        SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, MicroSpaDbContext db, TimeProvider clock, ILogger<Handler> logger)
    {
        public const string StaffSignedIn = "staff.sign-in";
        public const string StaffSignInFailed = "staff.sign-in-failed";
        public const string StaffLockedOut = "staff.locked-out";

        public const string WrongCredentialsMessage = "The email or password is not right. Check them and try again.";
        public const string LockedOutMessage =
            "This account is locked for 15 minutes after too many failed sign-ins. Try again later, or reset your password.";
        public const string EmailNotConfirmedMessage =
            "Confirm your email address first: open the link we emailed you, or ask for a new one.";

        public const string StaffSignInDeactivated = "staff.sign-in-deactivated";

        /// <summary>A password hash nobody's password matches, checked for addresses with no account (see below).</summary>
        private static readonly Lazy<string> NoAccountHash = new(() =>
            new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));

        public async Task<(Result Result, Outcome Outcome, string Landing)> HandleAsync(Command command)
        {
            var user = await users.FindByEmailAsync(command.Email.Trim());
            if (user is null)
            {
                // The same hashing work as a real account's check, so the answer takes as long for an address
                // with no account as for one with an account and a wrong password (no account enumeration by timing).
                users.PasswordHasher.VerifyHashedPassword(new ApplicationUser(), NoAccountHash.Value, command.Password);
                return (Result.WrongCredentials, Outcome.Fail(WrongCredentialsMessage), "/");
            }

            var result = await signIn.PasswordSignInAsync(user, command.Password, command.RememberMe, lockoutOnFailure: true);
            if (result.RequiresTwoFactor)
            {
                // The password was right; the sign-in is audited once the second factor is.
                return (Result.TwoFactorRequired, Outcome.Success, "/account/two-factor");
            }

            if (result.IsNotAllowed)
            {
                return await NotAllowedAsync(user, command.Password);
            }

            await AuditStaffAsync(user, result.Succeeded ? StaffSignedIn : result.IsLockedOut ? StaffLockedOut : StaffSignInFailed);
            if (result.Succeeded)
            {
                logger.LogInformation("Account {UserId} signed in", user.Id);
                return (Result.SignedIn, Outcome.Success, await LandingAsync(users, user));
            }

            if (result.IsLockedOut)
            {
                Infrastructure.SecurityEvents.Write(logger, signIn.Context, Infrastructure.SecurityEvents.LockedOut, StatusCodes.Status200OK, user.Id);
                return (Result.LockedOut, Outcome.Fail(LockedOutMessage), "/");
            }

            logger.LogInformation("Failed sign-in for account {UserId}", user.Id);
            return (Result.WrongCredentials, Outcome.Fail(WrongCredentialsMessage), "/");
        }

        /// <summary>
        /// Identity refused before looking at the password (a deactivated account, or an email not confirmed yet).
        /// The password is checked now all the same: "confirm your email" is said only to whoever typed the right
        /// one (otherwise it tells a stranger the address has an account), a wrong one counts towards the lockout,
        /// and the answer takes the usual time. A deactivated account hears what a wrong password hears.
        /// </summary>
        private async Task<(Result Result, Outcome Outcome, string Landing)> NotAllowedAsync(ApplicationUser user, string password)
        {
            var right = await users.CheckPasswordAsync(user, password);
            if (user.Deactivated)
            {
                await AuditStaffAsync(user, StaffSignInDeactivated);
                logger.LogWarning("Sign-in refused for deactivated account {UserId}", user.Id);
                return (Result.WrongCredentials, Outcome.Fail(WrongCredentialsMessage), "/");
            }

            if (right && !await users.IsEmailConfirmedAsync(user))
            {
                return (Result.EmailNotConfirmed, Outcome.Fail(EmailNotConfirmedMessage), "/");
            }

            if (!right)
            {
                await users.AccessFailedAsync(user);
            }

            logger.LogInformation("Failed sign-in for account {UserId}", user.Id);
            return (Result.WrongCredentials, Outcome.Fail(WrongCredentialsMessage), "/");
        }

        /// <summary>Every sign-in of a staff member (and every failed or locked-out attempt) goes into the audit trail.</summary>
        private async Task AuditStaffAsync(ApplicationUser user, string action)
        {
            if (!(await users.GetRolesAsync(user)).Any(r => Roles.Staff.Contains(r)))
            {
                return;
            }

            ForgetAccountChanges(db);
            db.AuditEntries.Add(new AuditEntry(user.Id, user.Email ?? user.UserName ?? "?", null, action, user.Id, clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        /// <summary>
        /// Identity saves an account itself and, when a concurrent sign-in changed the row first, leaves it marked
        /// changed after refusing the save: the audit entry that follows must not try to save the account again.
        /// </summary>
        internal static void ForgetAccountChanges(MicroSpaDbContext db)
        {
            foreach (var entry in db.ChangeTracker.Entries<ApplicationUser>().Where(e => e.State == Microsoft.EntityFrameworkCore.EntityState.Modified))
            {
                entry.State = Microsoft.EntityFrameworkCore.EntityState.Unchanged;
            }
        }

        /// <summary>Where a person lands after signing in when no return address was asked for.</summary>
        public static async Task<string> LandingAsync(UserManager<ApplicationUser> users, ApplicationUser user) =>
            await users.IsInRoleAsync(user, Roles.Admin) ? "/admin/staff"
            : await users.IsInRoleAsync(user, Roles.FrontDesk) ? "/front-desk"
            : await users.IsInRoleAsync(user, Roles.Client) ? "/my/appointments"
            : (await users.GetRolesAsync(user)).Any(r => Roles.Clinical.Contains(r)) ? "/provider"
            : await users.IsInRoleAsync(user, Roles.Manager) ? "/admin/reports"
            : "/";
    }
}
