namespace MicroSpa.Domain.Scheduling;

/// <summary>Days of the week a client can come, as flags so a preference is one value.</summary>
[Flags]
public enum WeekDays
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
    All = Monday | Tuesday | Wednesday | Thursday | Friday | Saturday | Sunday,
}

public static class WeekDaysExtensions
{
    public static WeekDays ToWeekDays(this DayOfWeek day) => day == DayOfWeek.Sunday ? WeekDays.Sunday : (WeekDays)(1 << ((int)day - 1));

    public static IEnumerable<DayOfWeek> Days(this WeekDays days) =>
        Enum.GetValues<DayOfWeek>().OrderBy(d => ((int)d + 6) % 7).Where(d => days.HasFlag(d.ToWeekDays()));
}

public enum WaitlistStatus
{
    Waiting = 1,
    Booked = 2,
    Withdrawn = 3,
}

/// <summary>
/// A client waiting for a time for one service, with the days and the start times that suit them.
/// When a matching time frees up, the front desk offers it; the first to confirm books it.
/// </summary>
public sealed class WaitlistEntry
{
    private List<Guid> _areaIds = [];

    private WaitlistEntry()
    {
    }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public Guid ServiceId { get; private set; }

    /// <summary>The body areas to book (a treatment needs at least one).</summary>
    public IReadOnlyList<Guid> AreaIds => _areaIds.AsReadOnly();

    /// <summary>Only this provider, or anyone qualified when null.</summary>
    public Guid? ProviderId { get; private set; }

    public WeekDays Days { get; private set; }

    /// <summary>The earliest start time that suits, in the clinic's zone.</summary>
    public TimeOnly EarliestStart { get; private set; }

    /// <summary>The latest start time that suits, in the clinic's zone.</summary>
    public TimeOnly LatestStart { get; private set; }

    /// <summary>Stop offering times after this day (inclusive); open-ended when null.</summary>
    public DateOnly? Until { get; private set; }

    public WaitlistStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset StatusChangedAt { get; private set; }
    public Guid? AppointmentId { get; private set; }

    public static WaitlistEntry Join(
        Guid clientId, Service service, IEnumerable<Guid> areaIds, Guid? providerId, WeekDays days, TimeOnly earliestStart,
        TimeOnly latestStart, DateOnly? until, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(areaIds);
        if (!service.IsActive)
        {
            throw new DomainException($"{service.Name} is no longer offered.", nameof(ServiceId));
        }

        var areas = areaIds.Distinct().ToList();
        var offered = service.BodyAreas.Select(a => a.Id).ToHashSet();
        if (areas.Any(a => !offered.Contains(a)))
        {
            throw new DomainException($"{service.Name} does not include one of the chosen areas.", nameof(AreaIds));
        }

        if (service.LacksAreas(areas))
        {
            throw new DomainException(Service.AreasRequired, nameof(AreaIds));
        }

        if ((days & WeekDays.All) == WeekDays.None || (days & ~WeekDays.All) != WeekDays.None)
        {
            throw new DomainException("Choose at least one day that suits you.", nameof(Days));
        }

        if (latestStart < earliestStart)
        {
            throw new DomainException("The latest start time must not be before the earliest.", nameof(LatestStart));
        }

        if (until is { } last && last < today)
        {
            throw new DomainException("The last day cannot be in the past.", nameof(Until));
        }

        return new WaitlistEntry
        {
            Id = Guid.CreateVersion7(),
            ClientId = clientId,
            ServiceId = service.Id,
            _areaIds = areas,
            ProviderId = providerId,
            Days = days,
            EarliestStart = earliestStart,
            LatestStart = latestStart,
            Until = until,
            Status = WaitlistStatus.Waiting,
            CreatedAt = now.ToUniversalTime(),
            StatusChangedAt = now.ToUniversalTime(),
        };
    }

    /// <summary>Whether a freed time (its local start) for a service and provider suits this client.</summary>
    public bool Suits(Guid serviceId, Guid providerId, DateTime localStart) =>
        Status == WaitlistStatus.Waiting
        && serviceId == ServiceId
        && (ProviderId is null || ProviderId == providerId)
        && Days.HasFlag(localStart.DayOfWeek.ToWeekDays())
        && TimeOnly.FromDateTime(localStart) is var time && time >= EarliestStart && time <= LatestStart
        && (Until is null || DateOnly.FromDateTime(localStart) <= Until);

    public void Withdraw(DateTimeOffset now)
    {
        if (Status != WaitlistStatus.Waiting)
        {
            throw new DomainException("This waitlist entry is no longer waiting.");
        }

        Status = WaitlistStatus.Withdrawn;
        StatusChangedAt = now.ToUniversalTime();
    }

    public void MarkBooked(Guid appointmentId, DateTimeOffset now)
    {
        if (Status != WaitlistStatus.Waiting)
        {
            throw new DomainException("This waitlist entry is no longer waiting.");
        }

        Status = WaitlistStatus.Booked;
        AppointmentId = appointmentId;
        StatusChangedAt = now.ToUniversalTime();
    }
}
