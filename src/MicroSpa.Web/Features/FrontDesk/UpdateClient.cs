using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Account;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>The front desk corrects a client's contact details, date of birth, preferred provider and notes.</summary>
public static class UpdateClient
{
    public sealed class Command
    {
        [Display(Name = "First name")]
        public string FirstName { get; set; } = string.Empty;

        [Display(Name = "Last name")]
        public string LastName { get; set; } = string.Empty;

        [Display(Name = "Email (optional for a walk-in with a phone)")]
        public string? Email { get; set; }

        [Display(Name = "Phone")]
        public string? Phone { get; set; }

        [Display(Name = "Date of birth")]
        public DateOnly? DateOfBirth { get; set; }

        [Display(Name = "Preferred provider")]
        public Guid? PreferredProviderId { get; set; }

        [Display(Name = "Front desk notes (no clinical information)")]
        public string? Notes { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FirstName).NotEmpty().WithMessage("Enter the first name.")
                .MaximumLength(FieldLengths.PersonName).WithMessage($"A first name can be at most {FieldLengths.PersonName} characters.");
            RuleFor(c => c.LastName).NotEmpty().WithMessage("Enter the last name.")
                .MaximumLength(FieldLengths.PersonName).WithMessage($"A last name can be at most {FieldLengths.PersonName} characters.");
            RuleFor(c => c.Email).MayBeAnEmailAddress();
            RuleFor(c => c.Email).NotEmpty().When(c => string.IsNullOrWhiteSpace(c.Phone))
                .WithMessage("Give an email address or a phone number.");
            RuleFor(c => c.Phone).MaximumLength(FieldLengths.Phone).WithMessage($"A phone number can be at most {FieldLengths.Phone} characters.")
                .Matches(@"^[0-9+()\-.\s]*$").WithMessage("A phone number has only digits, spaces and + ( ) - .");
            RuleFor(c => c.Notes).MaximumLength(FieldLengths.Note).WithMessage($"Notes can be at most {FieldLengths.Note} characters.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such client.</returns>
        public async Task<Outcome?> HandleAsync(Guid id, Command command, CancellationToken cancellationToken)
        {
            var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (client is null)
            {
                return null;
            }

            if (command.PreferredProviderId is { } provider && !await db.Providers.AnyAsync(p => p.Id == provider, cancellationToken))
            {
                return Outcome.Fail(nameof(Command.PreferredProviderId), "Choose a provider from the list.");
            }

            var email = string.IsNullOrWhiteSpace(command.Email) ? null : command.Email.Trim();
            if (email is not null && await db.Clients.AnyAsync(c => c.Id != id && c.Email != null && c.Email.ToLower() == email.ToLower(), cancellationToken))
            {
                return Outcome.Fail(nameof(Command.Email), "Another client already has this email.");
            }

            try
            {
                client.Rename(command.FirstName, command.LastName);
                client.ChangeContact(email, command.Phone);
                if (command.DateOfBirth is { } born)
                {
                    client.RecordDateOfBirth(born, zone.Today(clock.GetUtcNow()));
                }

                client.UpdateFrontDeskDetails(command.Notes, command.PreferredProviderId);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field ?? string.Empty, ex.Message);
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Client {ClientId} updated by the front desk", id);
            return Outcome.Success;
        }
    }
}
