using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using System.Net;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Email;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>
/// The front desk corrects a client's contact details, date of birth, preferred provider and notes. A changed
/// email or phone is audited (who, the old and the new value) and the previous address is told, so a client
/// whose address was changed without their knowing hears of it.
/// </summary>
public static class UpdateClient
{
    public const string ContactChanged = "client.contact";

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

    public sealed class Handler(
        MicroSpaDbContext db, MergedClients.Handler merged, ClinicalAudit audit, IEmailSender sender, IOptions<ClinicOptions> clinic, ClinicTimeZone zone, TimeProvider clock,
        ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such client.</returns>
        public async Task<Outcome?> HandleAsync(Guid id, Command command, CancellationToken cancellationToken)
        {
            var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (client is null)
            {
                return null;
            }

            if (client.MergedIntoId is { } kept)
            {
                return (await merged.RefusalAsync(client.Id, kept, cancellationToken)).AsOutcome();
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

            var (oldEmail, oldPhone) = (client.Email, client.Phone);
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

            var emailChanged = !string.Equals(oldEmail, client.Email, StringComparison.OrdinalIgnoreCase);
            var phoneChanged = oldPhone != client.Phone;
            if (emailChanged || phoneChanged)
            {
                audit.Add(client.Id, ContactChanged, client.Id, Detail(emailChanged ? (oldEmail, client.Email) : null, phoneChanged ? (oldPhone, client.Phone) : null));
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Client {ClientId} updated by the front desk (email changed: {EmailChanged}, phone changed: {PhoneChanged})", id, emailChanged, phoneChanged);

            // The address the clinic had is told: the client hears of a change they did not ask for.
            if ((emailChanged || phoneChanged) && oldEmail is not null)
            {
                await TellAsync(oldEmail, client.FirstName, emailChanged, phoneChanged, cancellationToken);
            }

            return Outcome.Success;
        }

        private static string Detail((string? Old, string? New)? email, (string? Old, string? New)? phone)
        {
            static string Value(string? value) => value ?? "(none)";
            var parts = new List<string>();
            if (email is { } e)
            {
                parts.Add($"email {Value(e.Old)} -> {Value(e.New)}");
            }

            if (phone is { } p)
            {
                parts.Add($"phone {Value(p.Old)} -> {Value(p.New)}");
            }

            return string.Join("; ", parts);
        }

        private async Task TellAsync(string previousEmail, string firstName, bool emailChanged, bool phoneChanged, CancellationToken cancellationToken)
        {
            var name = clinic.Value.Name;
            var what = (emailChanged, phoneChanged) switch
            {
                (true, true) => "your email address and phone number",
                (true, false) => "your email address",
                _ => "your phone number",
            };
            var intro = $"The front desk of {name} changed {what} in your client record."
                + (emailChanged ? " Messages from us now go to the new address, and this one gets no more." : string.Empty);
            const string Check = "If you did not ask for this, call us: nobody can read your treatment records online with the new details until you confirm them with your provider in person.";
            var text = $"""
                Hello {firstName},

                {intro}

                {Check}

                {name}
                """;
            var html = $"""
                <p>Hello {WebUtility.HtmlEncode(firstName)},</p>
                <p>{WebUtility.HtmlEncode(intro)}</p>
                <p>{WebUtility.HtmlEncode(Check)}</p>
                <p>{WebUtility.HtmlEncode(name)}</p>
                """;
            try
            {
                await sender.SendAsync(new EmailMessage(previousEmail, $"{name}: your contact details were changed", text, html), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The change stands and is audited; the notice is not worth failing the desk's save.
                logger.LogError(ex, "Could not tell the previous address of a client about a contact change");
            }
        }
    }
}
