namespace MicroSpa.Domain.Scheduling;

/// <summary>A period a provider does not work (leave, training, a long break): no slots are offered in it.</summary>
public sealed class TimeOff
{
    private TimeOff()
    {
    }

    public TimeOff(Guid providerId, DateTimeOffset startsAt, DateTimeOffset endsAt, string? reason)
    {
        if (endsAt <= startsAt)
        {
            throw new DomainException("Time off must end after it starts.", nameof(EndsAt));
        }

        Id = Guid.CreateVersion7();
        ProviderId = providerId;
        StartsAt = startsAt.ToUniversalTime();
        EndsAt = endsAt.ToUniversalTime();
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()[..Math.Min(reason.Trim().Length, FieldLengths.ShortName)];
    }

    public Guid Id { get; private set; }
    public Guid ProviderId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public string? Reason { get; private set; }
}
