using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Account;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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

    public sealed class Handler(
        MicroSpaDbContext db,
        UserManager<ApplicationUser> users,
        AccountEmails emails,
        TimeProvider clock,
        ILogger<Handler> logger)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var email = command.Email.Trim();
            if (await users.FindByEmailAsync(email) is not null)
            {
                return Outcome.Fail(nameof(Command.Email), "Someone already has an account with this email.");
            }

            var user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = command.DisplayName.Trim(),
                CreatedAt = clock.GetUtcNow(),
            };

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var created = await users.CreateAsync(user);
                if (!created.Succeeded)
                {
                    return IdentityErrors.ToOutcome(created, nameof(Command.Email));
                }

                await users.AddToRoleAsync(user, command.Role);
                if (CredentialFor(command.Role) is { } credential)
                {
                    var provider = new Provider(user.DisplayName, credential, command.Bookable);
                    provider.LinkAccount(user.Id);
                    db.Providers.Add(provider);
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return Outcome.Fail(nameof(Command.Email), "Someone already has an account with this email.");
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
