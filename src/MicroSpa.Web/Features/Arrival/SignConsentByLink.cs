using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Arrival;

/// <summary>
/// The checked-in client signs the clinic's consent on their own phone, on the version they were shown (the exact text
/// is the version's, kept insert-only), by typing their full name as on the tablet. A name that does not match is refused
/// without saying the one on file: whoever holds the link learns no one's name from it.
/// </summary>
public static class SignConsentByLink
{
    public const string NameMismatch =
        "That is not the name on your booking. Type your first and last name as you gave them to us, or ask the front desk to sign on the clinic's tablet.";

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

    public sealed class Handler(MicroSpaDbContext db, Shared.ArrivalLinks links, Shared.TreatmentGates gates, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when the link names no visit.</returns>
        public async Task<Outcome?> HandleAsync(string token, Command command, string ipAddress, string userAgent, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            if (await ArrivalVisit.FindAsync(db, links, token, now, tracked: true, cancellationToken) is not { } appointment)
            {
                return null;
            }

            if (appointment.Status != AppointmentStatus.CheckedIn)
            {
                return appointment.Status == AppointmentStatus.Booked
                    ? Outcome.Fail("Tap \u201cI'm here\u201d when you arrive; the consent comes after.")
                    : Outcome.Success;
            }

            var gate = await gates.ForAsync(appointment, cancellationToken);
            if (appointment.ConsentSignatureId is not null && !gate.Missing.Any(m => m.Step == GateStep.Consent))
            {
                return Outcome.Success;
            }

            var form = await db.ConsentForms.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync(cancellationToken);
            if (command.FormVersion != form.Version)
            {
                return Outcome.Fail("The consent text was updated while you were reading it. Please read the new version.");
            }

            var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == appointment.ClientId, cancellationToken);
            try
            {
                var signature = ConsentSignature.Sign(client, form, command.TypedName, command.PhotoConsent, now, ipAddress, userAgent);
                appointment.RecordCheckInConsent(signature, Shared.ArrivalLinks.Client);
                db.ConsentSignatures.Add(signature);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DomainException ex)
            {
                return ex.Field == nameof(ConsentSignature.TypedName)
                    ? Outcome.Fail(nameof(Command.TypedName), NameMismatch)
                    : Outcome.Fail(ex.Message);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome.Success;
            }

            logger.LogInformation("Consent v{Version} signed through the I'm here link for appointment {AppointmentId}", form.Version, appointment.Id);
            return Outcome.Success;
        }
    }
}
