using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data.Identity;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Staff;

/// <summary>
/// An Admin creates a staff account (there is no self-registration for staff). Clinical roles get a
/// provider record for the schedule. The new colleague receives an email to choose their password.
/// </summary>
public static class CreateStaffAccount
{
    public static readonly IReadOnlyList<string> AssignableRoles = Roles.Staff;

    public sealed class Command
    {
        [Display(Name = "Full name")]
        public string DisplayName { get; set; } = string.Empty;

        [Display(Name = "Work email")]
        public string Email { get; set; } = string.Empty;

        [Display(Name = "Role")]
        public string Role { get; set; } = string.Empty;

        [Display(Name = "Clients can book this person")]
        public bool Bookable { get; set; } = true;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Enter the person's full name.")
                .MaximumLength(FieldLengths.PersonName).WithMessage($"A name can be at most {FieldLengths.PersonName} characters.");
            RuleFor(c => c.Email).MustBeAnEmailAddress();
            RuleFor(c => c.Role).Must(r => AssignableRoles.Contains(r)).WithMessage("Choose one of the staff roles.");
        }
    }

    public sealed class Handler(AccountCreator accounts, AccountEmails emails, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            if (await accounts.EmailTakenAsync(command.Email))
            {
                return Outcome.Fail(nameof(Command.Email), AccountCreator.EmailTakenMessage);
            }

            var user = new ApplicationUser
            {
                UserName = command.Email.Trim(),
                Email = command.Email.Trim(),
                EmailConfirmed = true,
                DisplayName = command.DisplayName.Trim(),
                CreatedAt = clock.GetUtcNow(),
            };
            var outcome = await accounts.CreateAsync(user, password: null, command.Role, account =>
            {
                if (CredentialFor(command.Role) is { } credential)
                {
                    var provider = new Provider(account.DisplayName, credential, command.Bookable);
                    provider.LinkAccount(account.Id);
                    accounts.Add(provider);
                }
            }, nameof(Command.Email), cancellationToken);
            if (!outcome.Succeeded)
            {
                return outcome;
            }

            logger.LogInformation("Staff account {UserId} created with role {Role}", user.Id, command.Role);
            await emails.SendStaffInvitationAsync(user, cancellationToken);
            return Outcome.Success;
        }

        /// <summary>Clinical roles treat clients; a medical director is a nurse-level prescriber.</summary>
        private static ProviderCredential? CredentialFor(string role) => role switch
        {
            Roles.Esthetician => ProviderCredential.Esthetician,
            Roles.Nurse or Roles.MedicalDirector => ProviderCredential.Nurse,
            _ => null,
        };
    }
}
