using MicroSpa.Domain.Intake;

namespace MicroSpa.Domain.Scheduling;

/// <summary>
/// A client's booking in progress, kept on the server between the steps (time, screening, consent,
/// confirm), so nothing is lost when the phone sleeps. Its id makes confirming idempotent: a draft
/// becomes at most one appointment.
/// </summary>
public sealed class BookingDraft
{
    private List<Guid> _areaIds = [];

    private BookingDraft()
    {
    }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public Guid ServiceId { get; private set; }
    public IReadOnlyList<Guid> AreaIds => _areaIds.AsReadOnly();

    /// <summary>The provider the client asked for; null means any provider.</summary>
    public Guid? ProviderId { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }
    public bool NeedsIntake { get; private set; }
    public Guid? ScreeningId { get; private set; }
    public Guid? ConsentSignatureId { get; private set; }
    public Guid? AppointmentId { get; private set; }

    /// <summary>
    /// The prepaid series (a package version) the client chose to buy with this booking online (issue 19): the booking is
    /// held for the series' price instead of a deposit, and this visit is the first of its sessions. Kept on the draft so
    /// that the payment page opened again (from the hold's page) asks the same.
    /// </summary>
    public Guid? SeriesVersionId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsBooked => AppointmentId is not null;
    public bool ReadyToConfirm => !NeedsIntake || (ScreeningId is not null && ConsentSignatureId is not null);

    public static BookingDraft Start(Guid clientId, Service service, IEnumerable<Guid> areaIds, Guid? providerId, DateTimeOffset startsAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(service);
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

        return new BookingDraft
        {
            Id = Guid.CreateVersion7(),
            ClientId = clientId,
            ServiceId = service.Id,
            _areaIds = areas,
            ProviderId = providerId,
            StartsAt = startsAt.ToUniversalTime(),
            NeedsIntake = service.Kind == ServiceKind.Treatment,
            CreatedAt = now.ToUniversalTime(),
        };
    }

    public void RecordScreening(Screening screening)
    {
        ArgumentNullException.ThrowIfNull(screening);
        RequireOpen();
        if (screening.ClientId != ClientId)
        {
            throw new DomainException("This screening belongs to someone else.");
        }

        if (screening.Outcome == ScreeningOutcome.HardStop)
        {
            throw new DomainException("This treatment cannot be booked online after this screening; book a consultation instead.");
        }

        ScreeningId = screening.Id;
    }

    public void RecordConsent(ConsentSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        RequireOpen();
        if (ScreeningId is null)
        {
            throw new DomainException("Answer the health screening first.");
        }

        ConsentSignatureId = signature.Id;
    }

    public void MoveTo(DateTimeOffset startsAt)
    {
        RequireOpen();
        StartsAt = startsAt.ToUniversalTime();
    }

    public void MarkBooked(Guid appointmentId, Guid? seriesVersionId = null)
    {
        RequireOpen();
        if (!ReadyToConfirm)
        {
            throw new DomainException("Finish the screening and consent before confirming.");
        }

        AppointmentId = appointmentId;
        SeriesVersionId = seriesVersionId;
    }

    private void RequireOpen()
    {
        if (IsBooked)
        {
            throw new DomainException("This booking is already confirmed.");
        }
    }
}
