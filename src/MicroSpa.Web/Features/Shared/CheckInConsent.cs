using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// The checked-in client signs the clinic's consent, on the version they were shown (the exact text is the version's,
/// kept insert-only), by typing their full name: on the clinic's tablet at check-in or on their own phone through the
/// "I'm here" link. Both ask and record it the same way; only who the history names and what a wrong name is told differ.
/// </summary>
public static class CheckInConsent
{
    public const string VersionChanged = "The consent text was updated while you were reading it. Please read the new version.";

    public sealed class Command
    {
        [Display(Name = "Type your full name to sign")]
        public string TypedName { get; set; } = string.Empty;

        public bool PhotoConsent { get; set; }

        public int FormVersion { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.TypedName).NotEmpty().WithMessage("Type your full name to sign.")
                .MaximumLength(FieldLengths.PersonName * 2 + 1).WithMessage("That is longer than a name we could have on file.");
    }

    /// <summary>Signs the consent for a visit.</summary>
    public sealed class Signer(MicroSpaDbContext db, TimeProvider clock)
    {
        /// <summary>
        /// Signs the newest consent form for the (tracked) appointment's client and records it on the visit. A typed name
        /// that is not the client's is told <paramref name="nameMismatch"/> (null: the domain's message). Returns the
        /// outcome and the version signed (null when nothing was signed).
        /// </summary>
        public async Task<(Outcome Outcome, int? Version)> SignAsync(
            Appointment appointment, Command command, ChangedBy by, string ipAddress, string userAgent, string? nameMismatch,
            CancellationToken cancellationToken)
        {
            var form = await db.ConsentForms.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync(cancellationToken);
            if (command.FormVersion != form.Version)
            {
                return (Outcome.Fail(VersionChanged), null);
            }

            var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == appointment.ClientId, cancellationToken);
            try
            {
                var signature = ConsentSignature.Sign(client, form, command.TypedName, command.PhotoConsent, clock.GetUtcNow(), ipAddress, userAgent);
                appointment.RecordCheckInConsent(signature, by);
                db.ConsentSignatures.Add(signature);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DomainException ex)
            {
                return ex.Field == nameof(ConsentSignature.TypedName)
                    ? (Outcome.Fail(nameof(Command.TypedName), nameMismatch ?? ex.Message), null)
                    : (Outcome.Fail(ex.Field is null ? string.Empty : nameof(Command.TypedName), ex.Message), null);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Signed meanwhile in another tab or on the tablet: the visit has its consent.
                return (Outcome.Success, null);
            }

            return (Outcome.Success, form.Version);
        }
    }
}
