using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;

namespace MicroSpa.Web.Features.Account;

public static class ForgotPassword
{
    public sealed class Command
    {
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Email).MustBeAnEmailAddress();
    }

    public sealed class Handler(UserManager<ApplicationUser> users, AccountEmails emails)
    {
        /// <summary>
        /// Emails a reset link if the account exists and may sign in (a deactivated staff member gets nothing:
        /// a reset must not let them back in); the page says the same either way.
        /// </summary>
        public async Task HandleAsync(Command command, CancellationToken cancellationToken)
        {
            if (await users.FindByEmailAsync(command.Email.Trim()) is { EmailConfirmed: true, Deactivated: false } user)
            {
                await emails.SendPasswordResetAsync(user, cancellationToken);
            }
        }
    }
}
