using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Intake;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Booking;

/// <summary>The client agrees to the current consent text by typing their name.</summary>
public static class SignConsent
{
    public sealed class Command
    {
        [Display(Name = "Type your full name to sign")]
        public string TypedName { get; set; } = string.Empty;

        [Display(Name = "I agree to clinical before and after photos of the treated areas (optional)")]
        public bool PhotoConsent { get; set; }

        public int FormVersion { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.TypedName).NotEmpty().WithMessage("Type your full name to sign.")
                .MaximumLength(FieldLengths.PersonName * 2 + 1).WithMessage("That is longer than a name we could have on file.");
    }

    public sealed class Handler(MicroSpaDbContext db, CurrentClient currentClient, TimeProvider clock)
    {
        public async Task<Outcome?> HandleAsync(Guid draftId, Command command, string ipAddress, string userAgent, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.RequiredIdAsync(cancellationToken);
            var draft = await db.BookingDrafts.SingleOrDefaultAsync(d => d.Id == draftId && d.ClientId == clientId && d.AppointmentId == null, cancellationToken);
            if (draft is null)
            {
                return null;
            }

            var form = await db.ConsentForms.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync(cancellationToken);
            if (command.FormVersion != form.Version)
            {
                return Outcome.Fail("The consent text was updated while you were reading it. Please read the new version.");
            }

            var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId, cancellationToken);
            try
            {
                var signature = ConsentSignature.Sign(client, form, command.TypedName, command.PhotoConsent, clock.GetUtcNow(), ipAddress, userAgent);
                draft.RecordConsent(signature);
                db.ConsentSignatures.Add(signature);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field ?? string.Empty, ex.Message);
            }

            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}
