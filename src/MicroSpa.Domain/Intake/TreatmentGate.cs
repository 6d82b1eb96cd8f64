using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Domain.Intake;

/// <summary>What a visit still lacks before needling: the client's screening, their consent, a medical clearance.</summary>
public enum GateStep
{
    Screening = 1,
    Consent = 2,
    Clearance = 3,
}

/// <param name="Step">What is missing, so the page can link to where it is done.</param>
/// <param name="Message">What is missing and who does what about it, in plain words.</param>
public sealed record GateItem(GateStep Step, string Message);

/// <summary>
/// The gate in front of a needling treatment (DOMAIN.md: "consent confirmed" comes first): the visit has a
/// screening of the current questions still valid under the booking policy with no unresolved hard stop, the current consent signed
/// for this visit, and a medical clearance in force when the service needs one. A hard stop is resolved only
/// by a clearance the medical director gave after that screening. There is no override. Built from the
/// records themselves, so <see cref="Appointment.StartTreatment"/> and the chart's signature can refuse on it.
/// </summary>
public sealed class TreatmentGate
{
    private TreatmentGate(Guid appointmentId, IReadOnlyList<GateItem> missing, bool clearanceNeeded)
    {
        AppointmentId = appointmentId;
        Missing = missing;
        ClearanceNeeded = clearanceNeeded;
    }

    public Guid AppointmentId { get; }

    /// <summary>Everything still missing, in the order it is done (tablet screening, consent, clearance).</summary>
    public IReadOnlyList<GateItem> Missing { get; }

    public bool IsOpen => Missing.Count == 0;

    /// <summary>The service needs a clearance and the client has none in force ("clearance needed" on the desk).</summary>
    public bool ClearanceNeeded { get; }

    /// <summary>How long a screening stays valid for a visit: the booking policy's days, and always the day itself.</summary>
    public static TimeSpan ScreeningValidity(int screeningValidDays) => TimeSpan.FromDays(Math.Max(screeningValidDays, 1));

    /// <param name="appointment">The visit.</param>
    /// <param name="service">The visit's service (its kind and whether it needs a clearance).</param>
    /// <param name="screening">The screening attached to the visit, if any.</param>
    /// <param name="consent">The consent signature attached to the visit, if any.</param>
    /// <param name="currentConsentVersion">The consent text in force.</param>
    /// <param name="currentScreeningVersion">The screening questions in force (a screening of an older version is answered again).</param>
    /// <param name="screeningValidDays">The booking policy's screening validity.</param>
    /// <param name="clearances">The client's clearances (any state: only those in force count).</param>
    /// <param name="now">The time of the check.</param>
    /// <param name="today">The clinic's local date at <paramref name="now"/>.</param>
    public static TreatmentGate For(
        Appointment appointment, Service service, Screening? screening, ConsentSignature? consent, int currentConsentVersion,
        int currentScreeningVersion, int screeningValidDays, IEnumerable<MedicalClearance> clearances, DateTimeOffset now, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(clearances);
        if (service.Id != appointment.ServiceId)
        {
            throw new ArgumentException("The service is not the visit's.", nameof(service));
        }

        if (service.Kind != ServiceKind.Treatment)
        {
            return new TreatmentGate(appointment.Id, [], false);
        }

        var mine = clearances.Where(c => c.ClientId == appointment.ClientId && c.Covers(service.Id, today)).ToList();
        var missing = new List<GateItem>();
        var visitScreening = screening is not null && screening.Id == appointment.ScreeningId && screening.ClientId == appointment.ClientId ? screening : null;
        if (visitScreening is null)
        {
            missing.Add(new(GateStep.Screening, "No screening for this visit: the client answers it on the check-in tablet."));
        }
        else if (now.ToUniversalTime() - visitScreening.AnsweredAt > ScreeningValidity(screeningValidDays))
        {
            missing.Add(new(GateStep.Screening,
                $"The screening is older than the clinic's {Math.Max(screeningValidDays, 1)} days: the client answers it again on the check-in tablet."));
        }
        else if (visitScreening.QuestionnaireVersion < currentScreeningVersion)
        {
            missing.Add(new(GateStep.Screening,
                $"The screening questions changed since the client answered version {visitScreening.QuestionnaireVersion}: the client answers the current version {currentScreeningVersion} on the check-in tablet."));
        }
        else if (visitScreening.Outcome == ScreeningOutcome.HardStop && !mine.Any(c => c.RecordedAt >= visitScreening.AnsweredAt))
        {
            missing.Add(new(GateStep.Clearance,
                "The screening has a hard stop: no needling until the medical director examines the client and clears them."));
        }

        var visitConsent = consent is not null && consent.Id == appointment.ConsentSignatureId && consent.ClientId == appointment.ClientId ? consent : null;
        if (visitConsent is null)
        {
            missing.Add(new(GateStep.Consent, "No consent signed for this visit: the client signs it on the check-in tablet."));
        }
        else if (visitConsent.FormVersion != currentConsentVersion)
        {
            missing.Add(new(GateStep.Consent,
                $"The consent signed is version {visitConsent.FormVersion}: the client signs the current version {currentConsentVersion} on the check-in tablet."));
        }

        var clearanceNeeded = service.RequiresClearance && mine.Count == 0;
        if (clearanceNeeded)
        {
            missing.Add(new(GateStep.Clearance,
                $"{service.Name} needs a medical clearance (good-faith exam) in force: the medical director examines the client first."));
        }

        return new TreatmentGate(appointment.Id, missing, clearanceNeeded);
    }

    /// <summary>Throws the first missing item, unless the gate is open for this appointment.</summary>
    public void Require(Guid appointmentId)
    {
        if (appointmentId != AppointmentId)
        {
            throw new DomainException("This check is for another visit.");
        }

        if (Missing.Count > 0)
        {
            throw new DomainException(Missing[0].Message, "Gate");
        }
    }
}
