using MicroSpa.Data;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.CheckIn;

/// <summary>
/// At check-in the front desk hands the clinic's tablet to a client whose visit has no screening or
/// consent yet (a phone booking, a waitlist offer): they answer and sign on it. This is the tablet's page:
/// what the visit still needs, in order (screening, then consent, then done for the front desk).
/// </summary>
public static class IntakePage
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
        public Shared.CheckInConsent.Command Consent { get; init; } = new();

        /// <summary>What the visit still needs after the tablet (a medical clearance), shown to the front desk on Done.</summary>
        public IReadOnlyList<string> StillMissing { get; init; } = [];

        /// <summary>The older version signed for this visit, when the clinic's text changed since.</summary>
        public int? PreviouslySignedVersion { get; init; }

        /// <summary>The older version of the questions answered for this visit, when the medical director changed them since.</summary>
        public int? PreviouslyAnsweredVersion { get; init; }
    }

    public sealed class Handler(MicroSpaDbContext db, Shared.TreatmentGates gates, Shared.ScreeningForms forms)
    {
        /// <returns>Null when there is no such appointment or it takes no more intake (completed, cancelled).</returns>
        public async Task<Page?> HandleAsync(Guid appointmentId, CancellationToken cancellationToken)
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
    }
}
