using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Domain;
using MicroSpa.Domain.Clients;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Account;

/// <summary>
/// A client creates their own portal account (staff accounts are made by an Admin). An address that has an
/// account already gets the same "check your email" page as a new one, so the form tells nobody who has an
/// account; the owner is emailed instead (a sign-in link, or the confirmation link again if never confirmed).
/// </summary>
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

        /// <summary>Where to go after confirming and signing in (e.g. the booking that was started).</summary>
        public string? ReturnUrl { get; set; }
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

    public sealed class Handler(MicroSpaDbContext db, AccountCreator accounts, AccountEmails emails, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            if (await accounts.EmailTakenAsync(command.Email))
            {
                return await TellTheOwnerAsync(command, cancellationToken);
            }

            // Someone the front desk already knows (a phone booking) gets their existing record, with its visits, once
            // they confirm in person that the address is theirs: the desk typed it, so owning the mailbox proves nothing.
            var email = command.Email.Trim();
            var known = await db.Clients.Where(c => c.UserId == null && c.Email != null && c.Email.ToLower() == email.ToLower())
                .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(cancellationToken);
            Client client;
            try
            {
                client = known ?? new Client(command.FirstName, command.LastName, email, command.Phone, clock.GetUtcNow());
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field ?? string.Empty, ex.Message);
            }

            var user = new ApplicationUser
            {
                UserName = client.Email,
                Email = client.Email,
                DisplayName = client.FullName,
                CreatedAt = clock.GetUtcNow(),
            };
            var outcome = await accounts.CreateAsync(user, command.Password, Roles.Client, account =>
            {
                if (known is null)
                {
                    client.LinkAccount(account.Id);
                    accounts.Add(client);
                }
                else
                {
                    // The front desk typed this address: the account waits until the client confirms it in person.
                    client.OfferAccount(account.Id);
                }
            }, nameof(Command.Password), cancellationToken);
            if (!outcome.Succeeded)
            {
                // Another sign-up with this address won the race: its owner hears, this page says what it says to anyone.
                return await accounts.EmailTakenAsync(command.Email) ? await TellTheOwnerAsync(command, cancellationToken) : outcome;
            }

            logger.LogInformation("Client {ClientId} registered with account {UserId} (existing record: {Existing})", client.Id, user.Id, known is not null);
            await emails.SendConfirmationAsync(user, command.ReturnUrl, cancellationToken);
            return Outcome.Success;
        }

        private async Task<Outcome> TellTheOwnerAsync(Command command, CancellationToken cancellationToken)
        {
            var owner = await accounts.FindByEmailAsync(command.Email);
            if (owner is { Deactivated: false })
            {
                var sent = owner.EmailConfirmed
                    ? await emails.SendRegistrationAttemptAsync(owner, cancellationToken)
                    : await emails.SendConfirmationAsync(owner, command.ReturnUrl, cancellationToken);
                logger.LogInformation("Registration with the address of account {UserId}: owner emailed ({Sent})", owner.Id, sent);
            }

            return Outcome.Success;
        }
    }
}
