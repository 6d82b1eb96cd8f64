using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;

namespace MicroSpa.Web.Features.Account;

public static class ResendConfirmation
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
        /// <summary>Sends a new link when the account exists and is unconfirmed; says nothing either way.</summary>
        public async Task HandleAsync(Command command, CancellationToken cancellationToken)
        {
            if (await users.FindByEmailAsync(command.Email.Trim()) is { EmailConfirmed: false, Deactivated: false } user)
            {
                await emails.SendConfirmationAsync(user, null, cancellationToken);
            }
        }
    }
}
