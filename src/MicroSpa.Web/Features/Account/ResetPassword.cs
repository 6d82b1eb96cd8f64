using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Identity;

namespace MicroSpa.Web.Features.Account;

public static class ResetPassword
{
    public sealed class Command
    {
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        public string Code { get; set; } = string.Empty;

        [Display(Name = "New password")]
        public string Password { get; set; } = string.Empty;

        [Display(Name = "Confirm new password")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).MustBeAnEmailAddress();
            RuleFor(c => c.Code).NotEmpty().WithMessage("This link is incomplete. Open the link from the email again.");
            RuleFor(c => c.Password).MustBeAPassword();
            RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage("The two passwords do not match.");
        }
    }

    public sealed class Handler(UserManager<ApplicationUser> users, MicroSpaDbContext db, ILogger<Handler> logger)
    {
        public const string ExpiredMessage = "This link has expired or was already used. Ask for a new one below.";

        public async Task<Outcome> HandleAsync(Command command)
        {
            var user = await users.FindByEmailAsync(command.Email.Trim());

            // A deactivated account stays out: an old link (or one sent before) sets no password.
            if (user is null || user.Deactivated)
            {
                return Outcome.Fail(ExpiredMessage);
            }

            string token;
            try
            {
                token = AccountEmails.Decode(command.Code);
            }
            catch (FormatException)
            {
                return Outcome.Fail(ExpiredMessage);
            }

            var result = await users.ResetPasswordAsync(user, token, command.Password);
            if (!result.Succeeded)
            {
                return result.Errors.Any(e => e.Code == "InvalidToken")
                    ? Outcome.Fail(ExpiredMessage)
                    : IdentityErrors.ToOutcome(result, nameof(Command.Password));
            }

            // A person who proved they own the mailbox may sign in again at once, and every session signed in
            // with the old password ends (someone who knew it is out from their next request).
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await ServerSessions.EndAllAsync(db, user.Id, CancellationToken.None);
            logger.LogInformation("Account {UserId} reset its password", user.Id);
            return Outcome.Success;
        }
    }
}
