using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.CheckIn;

/// <summary>
/// At check-in the front desk hands the clinic's tablet to a client whose visit has no screening or
/// consent yet (a phone booking, a waitlist offer): they answer and sign on it. The answers go to the
/// client's screening record; the front desk only learns that it is done and whether it needs review.
/// </summary>
public static class CheckInIntake
{
    public enum Step
    {
        Screening,
        Consent,
        Done,
    }

    public sealed record Page(
        Guid AppointmentId, string FirstName, string FullName, string Service, Step Next, int QuestionnaireVersion, IReadOnlyList<ScreeningQuestion> Questions,
        int ConsentVersion, string ConsentTitle, string ConsentBody)
    {
        public Dictionary<string, bool> Answers { get; init; } = [];
        public ConsentCommand Consent { get; init; } = new();

        /// <summary>What the visit still needs after the tablet (a medical clearance), shown to the front desk on Done.</summary>
        public IReadOnlyList<string> StillMissing { get; init; } = [];

        /// <summary>The older version signed for this visit, when the clinic's text changed since.</summary>
        public int? PreviouslySignedVersion { get; init; }

        /// <summary>The older version of the questions answered for this visit, when the medical director changed them since.</summary>
        public int? PreviouslyAnsweredVersion { get; init; }
    }

    public sealed class ConsentCommand
    {
        [Display(Name = "Type your full name to sign")]
        public string TypedName { get; set; } = string.Empty;

        public bool PhotoConsent { get; set; }

        public int FormVersion { get; set; }
    }

    public sealed class ConsentValidator : AbstractValidator<ConsentCommand>
    {
        public ConsentValidator() =>
            RuleFor(c => c.TypedName).NotEmpty().WithMessage("Type your full name to sign.")
                .MaximumLength(FieldLengths.PersonName * 2 + 1).WithMessage("That is longer than a name we could have on file.");
    }

    public sealed class Handler(
        MicroSpaDbContext db, Actor actor, Shared.ClinicalAudit audit, Shared.TreatmentGates gates, Shared.ClearanceVoiding voiding,
        Shared.ScreeningForms forms, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such appointment or it takes no more intake (completed, cancelled).</returns>
        public async Task<Page?> PageAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            var appointment = await db.Appointments.AsNoTracking().Include(x => x.Client).Include(x => x.Service)
                .SingleOrDefaultAsync(x => x.Id == appointmentId && (x.Status == AppointmentStatus.Booked || x.Status == AppointmentStatus.CheckedIn), cancellationToken);
            if (appointment is null)
            {
                return null;
            }

            var questions = await forms.CurrentAsync(cancellationToken);
            var consent = await db.ConsentForms.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync(cancellationToken);

            // The tablet asks for what the treatment gate still misses: no screening or one no longer valid, then
            // no consent or one signed on an older text. What only the medical director can give is shown on Done.
            var gate = await gates.ForAsync(appointment, cancellationToken);
            var answeredVersion = await db.Screenings.Where(s => s.Id == appointment.ScreeningId).Select(s => (int?)s.QuestionnaireVersion)
                .SingleOrDefaultAsync(cancellationToken);
            var signedVersion = await db.ConsentSignatures.Where(c => c.Id == appointment.ConsentSignatureId).Select(c => (int?)c.FormVersion)
                .SingleOrDefaultAsync(cancellationToken);
            var missing = gate.Missing.Where(m => m.Step != GateStep.Clearance).Select(m => m.Step).ToList();
            var next = appointment.ScreeningId is null || missing.Contains(GateStep.Screening) ? Step.Screening
                : appointment.ConsentSignatureId is null || missing.Contains(GateStep.Consent) ? Step.Consent
                : Step.Done;
            return new Page(appointmentId, appointment.Client!.FirstName, appointment.Client.FullName, appointment.Service!.Name, next,
                questions.Version, questions.Questions, consent.Version, consent.Title, consent.Body)
            {
                PreviouslyAnsweredVersion = answeredVersion < questions.Version ? answeredVersion : null,
                StillMissing = gate.Missing.Where(m => m.Step == GateStep.Clearance).Select(m => m.Message).ToList(),
                PreviouslySignedVersion = signedVersion < consent.Version ? signedVersion : null,
            };
        }

        /// <returns>Null when there is no such appointment.</returns>
        /// <remarks>The same command (and validator) as online screening: every question answered yes or no.</remarks>
        public async Task<Outcome?> AnswerAsync(Guid appointmentId, Shared.ScreeningAnswers command, CancellationToken cancellationToken)
        {
            var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
            if (appointment is null)
            {
                return null;
            }

            var questions = await forms.CurrentAsync(cancellationToken);
            var now = clock.GetUtcNow();
            try
            {
                var screening = Screening.Record(appointment.ClientId, questions, command.Answers, now);
                appointment.RecordCheckInScreening(screening, actor.ChangedBy);
                db.Screenings.Add(screening);
                audit.Add(screening.ClientId, Shared.ClinicalAudit.ScreeningAnswer, screening.Id);
                await voiding.VoidByAsync(screening, cancellationToken);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Message);
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Screening recorded at check-in for appointment {AppointmentId}", appointment.Id);
            return Outcome.Success;
        }

        /// <returns>Null when there is no such appointment.</returns>
        public async Task<Outcome?> SignAsync(
            Guid appointmentId, ConsentCommand command, string ipAddress, string userAgent, CancellationToken cancellationToken)
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
                return Outcome.Fail(ex.Field is null ? string.Empty : nameof(ConsentCommand.TypedName), ex.Message);
            }

            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}
