namespace MicroSpa.Domain.Scheduling;

public enum WaitlistOfferStatus
{
    Open = 1,
    Accepted = 2,

    /// <summary>Someone else took the time first, or it was booked another way.</summary>
    Gone = 3,
}

/// <summary>
/// A freed time (from a cancelled appointment) offered to one waitlist entry by email. Several entries
/// can be offered the same time; PostgreSQL lets only one offer per freed time be accepted.
/// </summary>
public sealed class WaitlistOffer
{
    private WaitlistOffer()
    {
        TokenHash = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid EntryId { get; private set; }
    public WaitlistEntry? Entry { get; private set; }

    /// <summary>The cancelled appointment whose time is offered.</summary>
    public Guid FreedAppointmentId { get; private set; }

    public Guid ServiceId { get; private set; }
    public Guid ProviderId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }

    /// <summary>SHA-256 of the link's secret; the secret itself is only in the email.</summary>
    public string TokenHash { get; private set; }

    public WaitlistOfferStatus Status { get; private set; }
    public DateTimeOffset OfferedAt { get; private set; }
    public Guid? OfferedBy { get; private set; }
    public Guid? AppointmentId { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }

    public static WaitlistOffer Make(WaitlistEntry entry, Appointment freed, string tokenHash, Guid? offeredBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(freed);
        if (freed.Status != AppointmentStatus.Cancelled)
        {
            throw new DomainException("Only the time of a cancelled appointment can be offered.");
        }

        if (freed.StartsAt <= now)
        {
            throw new DomainException("This time has already passed.");
        }

        if (entry.Status != WaitlistStatus.Waiting)
        {
            throw new DomainException("This client is no longer on the waitlist.");
        }

        if (entry.ServiceId != freed.ServiceId)
        {
            throw new DomainException("The freed time is for another service.");
        }

        return new WaitlistOffer
        {
            Id = Guid.CreateVersion7(),
            EntryId = entry.Id,
            Entry = entry,
            FreedAppointmentId = freed.Id,
            ServiceId = freed.ServiceId,
            ProviderId = freed.ProviderId,
            StartsAt = freed.StartsAt,
            TokenHash = tokenHash,
            Status = WaitlistOfferStatus.Open,
            OfferedAt = now.ToUniversalTime(),
            OfferedBy = offeredBy,
        };
    }

    /// <summary>Whether the client can still take it (open and not started).</summary>
    public bool IsOpen(DateTimeOffset now) => Status == WaitlistOfferStatus.Open && StartsAt > now;

    public void Accept(Guid appointmentId, DateTimeOffset now)
    {
        if (!IsOpen(now))
        {
            throw new DomainException("This time is no longer available.");
        }

        Status = WaitlistOfferStatus.Accepted;
        AppointmentId = appointmentId;
        AnsweredAt = now.ToUniversalTime();
    }

    public void MarkGone(DateTimeOffset now)
    {
        if (Status == WaitlistOfferStatus.Open)
        {
            Status = WaitlistOfferStatus.Gone;
            AnsweredAt = now.ToUniversalTime();
        }
    }
}
