namespace MicroSpa.Domain.Intake;

/// <summary>The licensed prescribers who may perform a good-faith exam.</summary>
public enum ExaminerCredential
{
    MD = 1,
    DO = 2,
    NP = 3,
    PA = 4,
}

public enum ExamMode
{
    InPerson = 1,
    Video = 2,
}

public enum ClearanceDecision
{
    Cleared = 1,
    Declined = 2,
}

/// <summary>
/// Who examined the client: the clinic's medical director (their account), or an outside examiner named
/// with their credential and the state of their licence.
/// </summary>
public sealed record Examiner(Guid? UserId, string Name, ExaminerCredential Credential, string? LicenceState)
{
    public const int LicenceStateLength = 2;
}

/// <summary>
/// A good-faith exam (medical clearance) of one client by a licensed prescriber: which services it clears,
/// the contraindications noted, until when. A declined exam is kept too, with its reason. A later screening
/// with a hard stop voids a clearance; nothing edits one afterwards.
/// </summary>
public sealed class MedicalClearance
{
    /// <summary>The longest a clearance may run (clinics renew yearly; two years is the outer limit we accept).</summary>
    public const int MaxValidMonths = 24;

    private readonly List<Guid> _serviceIds = [];

    private MedicalClearance()
    {
        ExaminerName = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public ClearanceDecision Decision { get; private set; }

    /// <summary>The medical director's account when they examined; null for an outside examiner.</summary>
    public Guid? ExaminerUserId { get; private set; }

    public string ExaminerName { get; private set; }
    public ExaminerCredential ExaminerCredential { get; private set; }
    public string? ExaminerLicenceState { get; private set; }
    public DateOnly ExaminedOn { get; private set; }
    public ExamMode Mode { get; private set; }

    /// <summary>The services this exam clears (empty when declined).</summary>
    public IReadOnlyList<Guid> ServiceIds => _serviceIds.AsReadOnly();

    /// <summary>The indications cleared, in the examiner's words (e.g. "acne scars, face").</summary>
    public string? Indications { get; private set; }

    public string? Contraindications { get; private set; }

    /// <summary>The last day the clearance holds (null when declined).</summary>
    public DateOnly? ExpiresOn { get; private set; }

    public string? DeclineReason { get; private set; }
    public Guid RecordedByUserId { get; private set; }
    public string RecordedByName { get; private set; } = string.Empty;
    public DateTimeOffset RecordedAt { get; private set; }

    public DateTimeOffset? VoidedAt { get; private set; }

    /// <summary>The screening whose hard stop voided this clearance.</summary>
    public Guid? VoidedByScreeningId { get; private set; }

    public bool IsVoided => VoidedAt is not null;

    /// <summary>Whether this clearance holds on <paramref name="today"/> (cleared, not voided, not expired).</summary>
    public bool IsCurrent(DateOnly today) =>
        Decision == ClearanceDecision.Cleared && !IsVoided && ExaminedOn <= today && today <= ExpiresOn;

    /// <summary>Whether this clearance holds on <paramref name="today"/> for one service.</summary>
    public bool Covers(Guid serviceId, DateOnly today) => IsCurrent(today) && _serviceIds.Contains(serviceId);

    /// <summary>The prescriber clears the client for some services until <paramref name="expiresOn"/>.</summary>
    public static MedicalClearance Clear(
        Guid clientId, Examiner examiner, DateOnly examinedOn, ExamMode mode, IEnumerable<Guid> serviceIds, string? indications,
        string? contraindications, DateOnly expiresOn, Guid recordedByUserId, string recordedByName, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(serviceIds);
        var clearance = Exam(clientId, examiner, examinedOn, mode, contraindications, recordedByUserId, recordedByName, today, now);
        var services = serviceIds.Distinct().ToList();
        if (services.Count == 0)
        {
            throw new DomainException("Choose the services this exam clears.", nameof(ServiceIds));
        }

        if (expiresOn <= examinedOn)
        {
            throw new DomainException("A clearance expires after the day of the exam.", nameof(ExpiresOn));
        }

        if (expiresOn > examinedOn.AddMonths(MaxValidMonths))
        {
            throw new DomainException($"A clearance runs at most {MaxValidMonths} months from the exam.", nameof(ExpiresOn));
        }

        if (expiresOn < today)
        {
            throw new DomainException("This clearance would already have expired.", nameof(ExpiresOn));
        }

        clearance.Decision = ClearanceDecision.Cleared;
        clearance._serviceIds.AddRange(services);
        clearance.Indications = Clean(indications, FieldLengths.Description, nameof(Indications));
        clearance.ExpiresOn = expiresOn;
        return clearance;
    }

    /// <summary>The prescriber does not clear the client; the reason is kept (the client is not treated).</summary>
    public static MedicalClearance Decline(
        Guid clientId, Examiner examiner, DateOnly examinedOn, ExamMode mode, string reason, string? contraindications,
        Guid recordedByUserId, string recordedByName, DateOnly today, DateTimeOffset now)
    {
        var clearance = Exam(clientId, examiner, examinedOn, mode, contraindications, recordedByUserId, recordedByName, today, now);
        clearance.Decision = ClearanceDecision.Declined;
        clearance.DeclineReason = Clean(reason, FieldLengths.Description, nameof(DeclineReason))
            ?? throw new DomainException("Give the reason for declining.", nameof(DeclineReason));
        return clearance;
    }

    /// <summary>
    /// A screening answered after this clearance has a hard stop (pregnancy, isotretinoin, a new bleeding
    /// disorder...): the clearance no longer holds and the client needs a new exam.
    /// </summary>
    public void VoidBy(Screening screening, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(screening);
        if (screening.ClientId != ClientId)
        {
            throw new DomainException("This screening belongs to someone else.");
        }

        if (screening.Outcome != ScreeningOutcome.HardStop)
        {
            throw new DomainException("Only a screening with a hard stop voids a clearance.");
        }

        if (screening.AnsweredAt < RecordedAt)
        {
            throw new DomainException("This screening was answered before the clearance and was part of the exam.");
        }

        if (Decision != ClearanceDecision.Cleared || IsVoided)
        {
            throw new DomainException("Only a clearance in force can be voided.");
        }

        VoidedAt = now.ToUniversalTime();
        VoidedByScreeningId = screening.Id;
    }

    /// <summary>Whether a screening answered after this clearance voids it.</summary>
    public bool IsVoidedBy(Screening screening)
    {
        ArgumentNullException.ThrowIfNull(screening);
        return screening.ClientId == ClientId && screening.Outcome == ScreeningOutcome.HardStop && screening.AnsweredAt >= RecordedAt
               && Decision == ClearanceDecision.Cleared && !IsVoided;
    }

    private static MedicalClearance Exam(
        Guid clientId, Examiner examiner, DateOnly examinedOn, ExamMode mode, string? contraindications, Guid recordedByUserId,
        string recordedByName, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(examiner);
        var name = Clean(examiner.Name, FieldLengths.PersonName, "ExaminerName")
                   ?? throw new DomainException("Enter the examiner's name.", "ExaminerName");
        if (!Enum.IsDefined(examiner.Credential))
        {
            throw new DomainException("The examiner is an MD, DO, NP or PA.", "ExaminerCredential");
        }

        var state = string.IsNullOrWhiteSpace(examiner.LicenceState) ? null : examiner.LicenceState.Trim().ToUpperInvariant();
        if (examiner.UserId is null && state is null)
        {
            throw new DomainException("Enter the state of the outside examiner's licence.", "ExaminerLicenceState");
        }

        if (state is not null && (state.Length != Examiner.LicenceStateLength || !state.All(char.IsAsciiLetterUpper)))
        {
            throw new DomainException("Enter the licence state as two letters, e.g. CA.", "ExaminerLicenceState");
        }

        if (!Enum.IsDefined(mode))
        {
            throw new DomainException("Choose in person or by video.", nameof(Mode));
        }

        if (examinedOn > today)
        {
            throw new DomainException("The exam cannot be in the future.", nameof(ExaminedOn));
        }

        if (examinedOn < today.AddMonths(-MaxValidMonths))
        {
            throw new DomainException($"An exam more than {MaxValidMonths} months old cannot clear anyone.", nameof(ExaminedOn));
        }

        return new MedicalClearance
        {
            Id = Guid.CreateVersion7(),
            ClientId = clientId,
            ExaminerUserId = examiner.UserId,
            ExaminerName = name,
            ExaminerCredential = examiner.Credential,
            ExaminerLicenceState = state,
            ExaminedOn = examinedOn,
            Mode = mode,
            Contraindications = Clean(contraindications, FieldLengths.Description, nameof(Contraindications)),
            RecordedByUserId = recordedByUserId,
            RecordedByName = recordedByName,
            RecordedAt = now.ToUniversalTime(),
        };
    }

    private static string? Clean(string? text, int max, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        return trimmed.Length > max ? throw new DomainException($"At most {max} characters.", field) : trimmed;
    }
}
