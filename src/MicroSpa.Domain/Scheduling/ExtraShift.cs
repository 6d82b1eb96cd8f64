namespace MicroSpa.Domain.Scheduling;

/// <summary>A one-off block of work outside a provider's regular week (covering a colleague, a late evening).</summary>
public sealed class ExtraShift
{
    private ExtraShift()
    {
    }

    public ExtraShift(Guid providerId, DateOnly date, TimeOnly start, TimeOnly end, DateOnly today)
    {
        if (end <= start)
        {
            throw new DomainException("An extra shift must end after it starts.", nameof(End));
        }

        if (date < today)
        {
            throw new DomainException("An extra shift cannot be in the past.", nameof(Date));
        }

        Id = Guid.CreateVersion7();
        ProviderId = providerId;
        Date = date;
        Start = start;
        End = end;
    }

    public Guid Id { get; private set; }
    public Guid ProviderId { get; private set; }

    /// <summary>The day, in the clinic's zone.</summary>
    public DateOnly Date { get; private set; }

    public TimeOnly Start { get; private set; }
    public TimeOnly End { get; private set; }
}

/// <summary>
/// A period a room or a device cannot be used (maintenance, repair, a deep clean): no times are offered
/// with it, and appointments already booked with it are listed for the front desk to move.
/// </summary>
public sealed class OutOfService
{
    private OutOfService()
    {
    }

    private OutOfService(Guid? roomId, Guid? deviceId, DateTimeOffset startsAt, DateTimeOffset endsAt, string? reason)
    {
        if (endsAt <= startsAt)
        {
            throw new DomainException("The period must end after it starts.", nameof(EndsAt));
        }

        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (trimmed is { Length: > FieldLengths.ShortName })
        {
            throw new DomainException($"A reason can be at most {FieldLengths.ShortName} characters.", nameof(Reason));
        }

        Id = Guid.CreateVersion7();
        RoomId = roomId;
        DeviceId = deviceId;
        StartsAt = startsAt.ToUniversalTime();
        EndsAt = endsAt.ToUniversalTime();
        Reason = trimmed;
    }

    public Guid Id { get; private set; }
    public Guid? RoomId { get; private set; }
    public Guid? DeviceId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public string? Reason { get; private set; }

    /// <summary>The room or device this period is for.</summary>
    public Guid ResourceId => RoomId ?? DeviceId!.Value;

    public static OutOfService ForRoom(Guid roomId, DateTimeOffset startsAt, DateTimeOffset endsAt, string? reason) =>
        new(roomId, null, startsAt, endsAt, reason);

    public static OutOfService ForDevice(Guid deviceId, DateTimeOffset startsAt, DateTimeOffset endsAt, string? reason) =>
        new(null, deviceId, startsAt, endsAt, reason);
}
