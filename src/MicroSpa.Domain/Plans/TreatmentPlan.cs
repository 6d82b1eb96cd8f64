namespace MicroSpa.Domain.Plans;

/// <summary>What a series of sessions treats (DOMAIN.md "Series and maintenance").</summary>
public enum Indication
{
    AcneScars = 1,
    StretchMarks = 2,
    WrinklesAndFineLines = 3,
    SunDamage = 4,
    Pigmentation = 5,
    EnlargedPores = 6,
    HairLoss = 7,
    Laxity = 8,
}

public enum PlanPhase
{
    /// <summary>Working through the planned sessions.</summary>
    Series = 1,

    /// <summary>The series is done: one session every few months keeps the result.</summary>
    Maintenance = 2,

    /// <summary>Closed by the provider (the client stopped, or the goal is met): nothing is due any more.</summary>
    Ended = 3,
}

/// <summary>A series default: how many sessions, how far apart, and how often maintenance follows.</summary>
public sealed record SeriesDefault(int Sessions, int IntervalDays, int MaintenanceMonths)
{
    /// <summary>DOMAIN.md's published defaults, a starting point the provider edits.</summary>
    public static SeriesDefault For(Indication indication) => indication switch
    {
        Indication.AcneScars => new(4, 35, 6),
        Indication.StretchMarks => new(6, 35, 6),
        Indication.Pigmentation => new(4, 14, 6),
        Indication.HairLoss => new(12, 7, 3),
        _ => new(4, 28, 6),
    };
}

/// <summary>Where a plan stands on a day: sessions done and left, the next due date, overdue or not.</summary>
public sealed record PlanStatus(PlanPhase Phase, int Done, int Remaining, DateOnly NextDue, bool Overdue)
{
    public bool IsOpen => Phase != PlanPhase.Ended;
}

/// <summary>
/// A provider's plan for a client: an indication, the areas, how many sessions and how far apart,
/// then maintenance. Sessions are the client's signed charts linked to the plan.
/// </summary>
public sealed class TreatmentPlan
{
    public const int MaxSessions = 24;
    public const int MinIntervalDays = 7;
    public const int MaxIntervalDays = 90;
    public const int EndReasonLength = 500;

    private List<Guid> _areaIds = [];

    private TreatmentPlan()
    {
    }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public Guid CreatedByProviderId { get; private set; }

    /// <summary>The service the sessions are booked as (the next one is booked from the plan).</summary>
    public Guid ServiceId { get; private set; }
    public Indication Indication { get; private set; }
    public IReadOnlyList<Guid> AreaIds => _areaIds.AsReadOnly();
    public int PlannedSessions { get; private set; }
    public int IntervalDays { get; private set; }
    public int MaintenanceMonths { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The day the provider closed the plan; null while it runs.</summary>
    public DateOnly? EndedOn { get; private set; }

    public string? EndReason { get; private set; }

    /// <summary>The consultation record whose recommendation started this plan, if one did.</summary>
    public Guid? ConsultationRecordId { get; private set; }

    /// <summary>
    /// Starts the series a signed consultation recommends: its treatment, indication and areas, its sessions and
    /// interval (or the published defaults), from the day of the consultation. The plan remembers where it came from.
    /// </summary>
    /// <param name="consultation">The consultation record.</param>
    /// <param name="service">The service it recommends (null when it recommends none).</param>
    /// <param name="consultationDate">The day of the consultation (clinic zone): the first session is due from then.</param>
    /// <param name="now">The time of the click.</param>
    public static TreatmentPlan FromConsultation(Treatments.TreatmentRecord consultation, Scheduling.Service? service, DateOnly consultationDate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        if (!consultation.IsConsultation)
        {
            throw new DomainException("Only a consultation record recommends a plan.");
        }

        if (!consultation.IsSigned)
        {
            throw new DomainException("Sign the consultation record first: the plan starts from what it recommends.");
        }

        if (!consultation.RecommendsASeries)
        {
            throw new DomainException("This consultation recommends no series: choose the treatment, the indication and the areas in its record.");
        }

        if (service is null || service.Id != consultation.RecommendedServiceId)
        {
            throw new ArgumentException("Give the service the consultation recommends.", nameof(service));
        }

        if (service.Kind != Scheduling.ServiceKind.Treatment)
        {
            throw new DomainException($"{service.Name} is not a needling treatment: a plan is a series of treatments.");
        }

        var indication = consultation.RecommendedIndication!.Value;
        var defaults = SeriesDefault.For(indication);
        var plan = Create(consultation.ClientId, consultation.ProviderId, service.Id, indication, consultation.RecommendedAreaIds,
            consultation.RecommendedSessions ?? defaults.Sessions, consultation.RecommendedIntervalDays ?? defaults.IntervalDays, defaults.MaintenanceMonths,
            consultationDate, now);
        plan.ConsultationRecordId = consultation.Id;
        return plan;
    }

    public static TreatmentPlan Create(
        Guid clientId, Guid providerId, Guid serviceId, Indication indication, IEnumerable<Guid> areaIds, int sessions, int intervalDays, int maintenanceMonths,
        DateOnly startsOn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(areaIds);
        var plan = new TreatmentPlan
        {
            Id = Guid.CreateVersion7(),
            ClientId = clientId,
            CreatedByProviderId = providerId,
            ServiceId = serviceId,
            Indication = indication,
            StartsOn = startsOn,
            CreatedAt = now.ToUniversalTime(),
        };
        plan.Change(areaIds, sessions, intervalDays, maintenanceMonths);
        return plan;
    }

    /// <summary>Closes the plan: no session is due, no reminder goes out. The sessions stay in the record.</summary>
    public void End(DateOnly on, string? reason)
    {
        if (EndedOn is not null)
        {
            throw new DomainException("This plan has ended already.");
        }

        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new DomainException("Say why the plan ends (for example: goal reached, the client stopped).", nameof(EndReason));
        }

        if (text.Length > EndReasonLength)
        {
            throw new DomainException($"Keep the reason under {EndReasonLength} characters.", nameof(EndReason));
        }

        EndedOn = on;
        EndReason = text;
    }

    /// <summary>Opens an ended plan again (the client came back for the same indication).</summary>
    public void Reopen()
    {
        if (EndedOn is null)
        {
            throw new DomainException("This plan is running.");
        }

        EndedOn = null;
        EndReason = null;
    }

    public void Change(IEnumerable<Guid> areaIds, int sessions, int intervalDays, int maintenanceMonths)
    {
        ArgumentNullException.ThrowIfNull(areaIds);
        if (EndedOn is not null)
        {
            throw new DomainException("This plan has ended: reopen it to change it.");
        }

        var areas = areaIds.Distinct().ToList();
        if (areas.Count == 0)
        {
            throw new DomainException("Choose at least one area.", nameof(AreaIds));
        }

        if (sessions is < 1 or > MaxSessions)
        {
            throw new DomainException($"A series has 1 to {MaxSessions} sessions.", nameof(PlannedSessions));
        }

        if (intervalDays is < MinIntervalDays or > MaxIntervalDays)
        {
            throw new DomainException($"Sessions are {MinIntervalDays} to {MaxIntervalDays} days apart.", nameof(IntervalDays));
        }

        if (maintenanceMonths is < 1 or > 24)
        {
            throw new DomainException("Maintenance comes every 1 to 24 months.", nameof(MaintenanceMonths));
        }

        _areaIds = areas;
        PlannedSessions = sessions;
        IntervalDays = intervalDays;
        MaintenanceMonths = maintenanceMonths;
    }

    /// <summary>
    /// Where the plan stands: the next session is due an interval after the last one (the start date
    /// before the first); once the planned sessions are done, maintenance is due every few months.
    /// </summary>
    /// <param name="sessionDates">The dates (clinic zone) of the plan's sessions done so far.</param>
    /// <param name="today">Today in the clinic's zone.</param>
    public PlanStatus StatusOn(IEnumerable<DateOnly> sessionDates, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(sessionDates);
        var done = sessionDates.Order().ToList();
        if (EndedOn is { } ended)
        {
            return new PlanStatus(PlanPhase.Ended, done.Count, 0, ended, false);
        }

        var phase = done.Count >= PlannedSessions ? PlanPhase.Maintenance : PlanPhase.Series;
        var next = done.Count == 0
            ? StartsOn
            : phase == PlanPhase.Maintenance ? done[^1].AddMonths(MaintenanceMonths) : done[^1].AddDays(IntervalDays);
        return new PlanStatus(phase, done.Count, Math.Max(0, PlannedSessions - done.Count), next, next < today);
    }
}

/// <summary>A session (a chart) counted in a plan. Kept beside the chart, so a signed chart is never touched.</summary>
public sealed class PlanSession
{
    private PlanSession()
    {
    }

    public PlanSession(Guid planId, Guid treatmentRecordId)
    {
        PlanId = planId;
        TreatmentRecordId = treatmentRecordId;
    }

    public Guid PlanId { get; private set; }
    public Guid TreatmentRecordId { get; private set; }
}
