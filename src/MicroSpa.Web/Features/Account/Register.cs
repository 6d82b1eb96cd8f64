using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Domain;
using MicroSpa.Domain.Clients;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.Account;

/// <summary>A client creates their own portal account (staff accounts are made by an Admin).</summary>
public static class Register
{
    public sealed class Command
    {
        [Display(Name = "First name")]
        public string FirstName { get; set; } = string.Empty;

        [Display(Name = "Last name")]
        public string LastName { get; set; } = string.Empty;

        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [Display(Name = "Mobile phone (optional)")]
        public string? Phone { get; set; }

        [Display(Name = "Password")]
        public string Password { get; set; } = string.Empty;

        [Display(Name = "Confirm password")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FirstName).NotEmpty().WithMessage("Enter your first name.")
                .MaximumLength(FieldLengths.PersonName).WithMessage($"Your first name can be at most {FieldLengths.PersonName} characters.");
            RuleFor(c => c.LastName).NotEmpty().WithMessage("Enter your last name.")
                .MaximumLength(FieldLengths.PersonName).WithMessage($"Your last name can be at most {FieldLengths.PersonName} characters.");
            RuleFor(c => c.Email).MustBeAnEmailAddress();
            RuleFor(c => c.Phone).MaximumLength(FieldLengths.Phone)
                .WithMessage($"A phone number can be at most {FieldLengths.Phone} characters.")
                .Matches(@"^[0-9+()\-.\s]*$").WithMessage("A phone number has only digits, spaces and + ( ) - .");
            RuleFor(c => c.Password).MustBeAPassword();
            RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage("The two passwords do not match.");
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
                return Outcome.Fail(nameof(Command.Email),
                    "An account with this email already exists. Sign in, or reset your password if you forgot it.");
            }

            Client client;
            try
            {
                client = new Client(command.FirstName, command.LastName, email, command.Phone, clock.GetUtcNow());
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field ?? string.Empty, ex.Message);
            }

            var user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                DisplayName = client.FullName,
                CreatedAt = clock.GetUtcNow(),
            };

            // Account, role and client record are saved together or not at all.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var created = await users.CreateAsync(user, command.Password);
                if (!created.Succeeded)
                {
                    return IdentityErrors.ToOutcome(created, nameof(Command.Password));
                }

                await users.AddToRoleAsync(user, Roles.Client);
                client.LinkAccount(user.Id);
                db.Clients.Add(client);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Two registrations with the same email at the same moment: the database keeps one.
                return Outcome.Fail(nameof(Command.Email), "An account with this email already exists.");
            }

            logger.LogInformation("Client {ClientId} registered with account {UserId}", client.Id, user.Id);
            await emails.SendConfirmationAsync(user, cancellationToken);
            return Outcome.Success;
        }
    }
}
