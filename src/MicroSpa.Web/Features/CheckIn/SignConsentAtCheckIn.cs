using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Intake;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.CheckIn;

/// <summary>The client signs the clinic's consent on the tablet at check-in, on the version they were shown.</summary>
public static class SignConsentAtCheckIn
{
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

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock)
    {
        /// <returns>Null when there is no such appointment.</returns>
        public async Task<Outcome?> HandleAsync(
            Guid appointmentId, Command command, string ipAddress, string userAgent, CancellationToken cancellationToken)
        {
            var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
            if (appointment is null)
            {
                return null;
            }

            var form = await db.ConsentForms.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync(cancellationToken);
            if (command.FormVersion != form.Version)
            {
                return Outcome.Fail("The consent text was updated while you were reading it. Please read the new version.");
            }

            var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == appointment.ClientId, cancellationToken);
            var now = clock.GetUtcNow();
            try
            {
                var signature = ConsentSignature.Sign(client, form, command.TypedName, command.PhotoConsent, now, ipAddress, userAgent);
                appointment.RecordCheckInConsent(signature, actor.ChangedBy);
                db.ConsentSignatures.Add(signature);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field is null ? string.Empty : nameof(Command.TypedName), ex.Message);
            }

            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}
