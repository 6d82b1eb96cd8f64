using MicroSpa.Data;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Arrival;

/// <summary>
/// What the "I'm here" link shows on the client's phone: the visit (time, service, the provider's first name) and the
/// one thing to do now: wait for check-in to open, tap "I'm here", answer the screening, sign the consent, or take a
/// seat. A visit that is over, cancelled or missed gets a sentence and nothing to press. Never the client's name: the
/// link may be forwarded, and a mail scanner opens it too.
/// </summary>
public static class ArrivalPage
{
    public enum State
    {
        /// <summary>Check-in has not opened yet (<see cref="Page.CheckInOpens"/> says when).</summary>
        NotYet,

        /// <summary>The client can tap "I'm here".</summary>
        Open,

        /// <summary>Checked in; the visit still needs the health screening.</summary>
        Screening,

        /// <summary>Checked in; the visit still needs the consent signed.</summary>
        Consent,

        /// <summary>Checked in with everything the phone can give: take a seat.</summary>
        AllSet,
        Started,
        Finished,
        Cancelled,
        Missed,

        /// <summary>Still booked, but its time is over: the desk decides.</summary>
        Passed,

        /// <summary>Held for an online payment that has not come.</summary>
        Unpaid,
    }

    public sealed record Page(
        string Token, DateTime LocalStart, string Service, string Provider, State State, DateTime CheckInOpens, int QuestionnaireVersion,
        IReadOnlyList<ScreeningQuestion> Questions, int ConsentVersion, string ConsentTitle, string ConsentBody)
    {
        public Dictionary<string, bool> Answers { get; init; } = [];
        public Shared.CheckInConsent.Command Consent { get; init; } = new();

        /// <summary>The medical director still examines the client before treatment (a hard stop, or a service that needs a clearance).</summary>
        public bool NeedsClearance { get; init; }

        /// <summary>The older version of the questions answered for this visit, when the medical director changed them since.</summary>
        public int? PreviouslyAnsweredVersion { get; init; }

        /// <summary>The older version of the consent signed for this visit, when the clinic's text changed since.</summary>
        public int? PreviouslySignedVersion { get; init; }
    }

    public sealed class Handler(
        MicroSpaDbContext db, Shared.ArrivalLinks links, Shared.TreatmentGates gates, Shared.ScreeningForms forms, ClinicTimeZone zone, TimeProvider clock)
    {
        /// <returns>Null when the link names no visit (not ours, altered, expired, or the visit was moved since).</returns>
        public async Task<Page?> HandleAsync(string token, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            if (await ArrivalVisit.FindAsync(db, links, token, now, tracked: false, cancellationToken) is not { } appointment)
            {
                return null;
            }

            var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);
            var (opens, _) = policy.CheckInWindow(appointment.StartsAt, zone);
            var questions = await forms.CurrentAsync(cancellationToken);
            var consent = await db.ConsentForms.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync(cancellationToken);
            var state = appointment.Status switch
            {
                AppointmentStatus.Booked when now >= appointment.EndsAt => State.Passed,
                AppointmentStatus.Booked when now < opens => State.NotYet,
                AppointmentStatus.Booked => State.Open,
                AppointmentStatus.CheckedIn => State.AllSet,
                AppointmentStatus.InTreatment => State.Started,
                AppointmentStatus.Completed => State.Finished,
                AppointmentStatus.Cancelled => State.Cancelled,
                AppointmentStatus.NoShow => State.Missed,
                _ => State.Unpaid,
            };
            var page = new Page(token, zone.ToLocal(appointment.StartsAt), appointment.Service!.Name, ArrivalVisit.FirstName(appointment.Provider!), state,
                zone.ToLocal(opens), questions.Version, questions.Questions, consent.Version, consent.Title, consent.Body);
            if (state != State.AllSet)
            {
                return page;
            }

            // What the tablet at the desk would ask (its rule, the treatment gate's): no screening or one no longer valid,
            // then no consent or one signed on an older text. What only the medical director gives is said, not asked.
            var gate = await gates.ForAsync(appointment, cancellationToken);
            var missing = gate.Missing.Where(m => m.Step != GateStep.Clearance).Select(m => m.Step).ToList();
            var answeredVersion = await db.Screenings.Where(s => s.Id == appointment.ScreeningId).Select(s => (int?)s.QuestionnaireVersion)
                .SingleOrDefaultAsync(cancellationToken);
            var signedVersion = await db.ConsentSignatures.Where(c => c.Id == appointment.ConsentSignatureId).Select(c => (int?)c.FormVersion)
                .SingleOrDefaultAsync(cancellationToken);
            return page with
            {
                State = appointment.ScreeningId is null || missing.Contains(GateStep.Screening) ? State.Screening
                    : appointment.ConsentSignatureId is null || missing.Contains(GateStep.Consent) ? State.Consent
                    : State.AllSet,
                NeedsClearance = gate.Missing.Any(m => m.Step == GateStep.Clearance),
                PreviouslyAnsweredVersion = answeredVersion < questions.Version ? answeredVersion : null,
                PreviouslySignedVersion = signedVersion < consent.Version ? signedVersion : null,
            };
        }
    }
}
