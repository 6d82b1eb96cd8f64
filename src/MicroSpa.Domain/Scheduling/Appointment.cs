using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Treatments;

namespace MicroSpa.Domain.Scheduling;

/// <summary>
/// A client's booked time with one provider, in one room, with one device, for one service on
/// some body areas. Times are UTC instants. Overlaps are refused by PostgreSQL itself (exclusion
/// constraints on provider, room and device); this class guards everything else, and every method that
/// changes it writes its own line of the history (<see cref="History"/>: what, who, when).
/// </summary>
public sealed class Appointment
{
    /// <summary>
    /// The longest an appointment can hold its provider, room and device (the longest service and buffer).
    /// A search for what overlaps a range only looks at appointments starting this long before it, so
    /// PostgreSQL reads the range from the starts_at index instead of the whole history before it.
    /// </summary>
    public static readonly TimeSpan LongestBlock = TimeSpan.FromMinutes(Service.MaxDurationMinutes + Service.MaxBufferMinutes);

    /// <summary>How far in the past a start time may be when booking (a walk-in starting now).</summary>
    public static readonly TimeSpan PastStartGrace = TimeSpan.FromMinutes(5);

    private readonly List<BodyArea> _bodyAreas = [];
    private readonly List<AppointmentEvent> _history = [];

    private Appointment()
    {
    }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public Client? Client { get; private set; }
    public Guid ServiceId { get; private set; }
    public Service? Service { get; private set; }

    /// <summary>The service's price when it was booked: checkout charges this, whatever the menu says later.</summary>
    public decimal PriceAtBooking { get; private set; }
    public Guid ProviderId { get; private set; }
    public Provider? Provider { get; private set; }
    public Guid RoomId { get; private set; }
    public Room? Room { get; private set; }
    public Guid? DeviceId { get; private set; }
    public Device? Device { get; private set; }
    public IReadOnlyCollection<BodyArea> BodyAreas => _bodyAreas.AsReadOnly();

    /// <summary>The lines this instance wrote (saved with it); the stored history is read from the appointment events.</summary>
    public IReadOnlyCollection<AppointmentEvent> History => _history.AsReadOnly();

    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }

    /// <summary>End plus the service's buffer: provider, room and device are busy until then.</summary>
    public DateTimeOffset BlockedUntil { get; private set; }

    public AppointmentStatus Status { get; private set; }
    public CancellationReason? CancellationReason { get; private set; }
    public string? CancellationNote { get; private set; }
    public BookingSource Source { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset StatusChangedAt { get; private set; }

    /// <summary>The screening answered for this visit, when it is a treatment booked online.</summary>
    public Guid? ScreeningId { get; private set; }

    /// <summary>The screening flagged something the provider must review before treating.</summary>
    public bool NeedsReview { get; private set; }

    public Guid? ConsentSignatureId { get; private set; }

    /// <summary>The online booking this came from; unique, so confirming twice books once.</summary>
    public Guid? BookingDraftId { get; private set; }

    /// <summary>
    /// While <see cref="AppointmentStatus.Held"/>: until when the time is kept for the client to pay online (the hosted
    /// payment page expires then too). Kept afterwards as a fact of how the booking was made.
    /// </summary>
    public DateTimeOffset? HeldUntil { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    /// <summary>Whether the appointment still holds its time (the overlap constraints apply).</summary>
    public bool HoldsTime => Status is not (AppointmentStatus.Cancelled or AppointmentStatus.NoShow);

    public static Appointment Book(
        Client client,
        Service service,
        Provider provider,
        Room room,
        Device? device,
        IEnumerable<BodyArea> areas,
        DateTimeOffset startsAt,
        BookingSource source,
        DateTimeOffset now,
        ChangedBy by,
        bool insideProtocolInterval = false)
    {
        var appointment = Create(client, service, provider, room, device, areas, startsAt, source, now, insideProtocolInterval);
        appointment.Write(source switch
        {
            BookingSource.Online => "Booked online",
            BookingSource.Waitlist => "Booked from the waitlist (the client took an offered time)",
            _ when insideProtocolInterval => "Booked by the front desk inside the protocol interval (provider approved)",
            _ => "Booked by the front desk",
        }, by, now);
        return appointment;
    }

    /// <summary>
    /// An online booking that asks a deposit or a card (issue 18): the time is taken now, as a booked one's would be, but
    /// the visit is booked only when the client has paid (<see cref="ConfirmPayment"/>); until <paramref name="heldUntil"/>
    /// at most, after which the hold is released (<see cref="ReleaseHold"/>).
    /// </summary>
    public static Appointment HoldForPayment(
        Client client,
        Service service,
        Provider provider,
        Room room,
        Device? device,
        IEnumerable<BodyArea> areas,
        DateTimeOffset startsAt,
        DateTimeOffset heldUntil,
        DateTimeOffset now,
        ClinicTimeZone zone,
        ChangedBy by)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (heldUntil <= now)
        {
            throw new DomainException("A hold ends after it starts.");
        }

        var appointment = Create(client, service, provider, room, device, areas, startsAt, BookingSource.Online, now, insideProtocolInterval: false);
        appointment.Status = AppointmentStatus.Held;
        appointment.HeldUntil = heldUntil.ToUniversalTime();
        appointment.Write($"Held online until {zone.ToLocal(heldUntil):HH:mm}, waiting for the payment", by, now);
        return appointment;
    }

    /// <summary>The statuses a visit brought over from another system can have (decision 056).</summary>
    public static readonly IReadOnlyList<AppointmentStatus> ImportableStatuses =
        [AppointmentStatus.Booked, AppointmentStatus.Completed, AppointmentStatus.Cancelled, AppointmentStatus.NoShow];

    /// <summary>
    /// A visit brought over from the system the clinic used before (decision 056), as that system had it: its start and end,
    /// and whether it is booked, completed, cancelled or a no-show. A booked one is in the future and follows every rule of a
    /// booking (the service offered, the provider bookable and qualified, the room and the device in service) and holds its
    /// time with the service's buffer after it, as any booking does; a past one is history (what happened, with whoever did
    /// it) and holds its provider and room only for its own time, so it never reaches into availability. Body areas are not
    /// in other systems' exports: none are recorded. Its history says where it came from (<paramref name="origin"/>).
    /// </summary>
    public static Appointment Import(
        Guid clientId,
        Service service,
        Provider provider,
        Room room,
        Device? device,
        DateTimeOffset startsAt,
        DateTimeOffset endsAt,
        AppointmentStatus status,
        string origin,
        DateTimeOffset now,
        ChangedBy by)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(room);
        ArgumentException.ThrowIfNullOrWhiteSpace(origin);
        var (start, end, at) = (startsAt.ToUniversalTime(), endsAt.ToUniversalTime(), now.ToUniversalTime());
        if (!ImportableStatuses.Contains(status))
        {
            throw new DomainException("An imported appointment is booked, completed, cancelled or a no-show.", nameof(Status));
        }

        if (end <= start)
        {
            throw new DomainException("An appointment ends after it starts.", nameof(EndsAt));
        }

        if (end - start > TimeSpan.FromMinutes(Service.MaxDurationMinutes))
        {
            throw new DomainException($"An appointment lasts at most {Service.MaxDurationMinutes / 60} hours.", nameof(EndsAt));
        }

        if (status == AppointmentStatus.Booked && start < at)
        {
            throw new DomainException("A booked appointment starts in the future: a past one is completed, cancelled or a no-show.", nameof(Status));
        }

        if (status is AppointmentStatus.Completed or AppointmentStatus.NoShow && start > at)
        {
            throw new DomainException("An appointment in the future cannot be completed or a no-show yet.", nameof(Status));
        }

        if (!service.NeedsDevice && device is not null)
        {
            throw new DomainException($"{service.Name} does not use a device.", nameof(Device));
        }

        var booked = status == AppointmentStatus.Booked;
        if (booked)
        {
            if (!service.IsActive)
            {
                throw new DomainException($"{service.Name} is no longer offered.", nameof(Service));
            }

            if (!provider.Bookable)
            {
                throw new DomainException($"{provider.DisplayName} does not take appointments.", nameof(Provider));
            }

            if (!service.CanBePerformedBy(provider))
            {
                throw new DomainException($"{provider.DisplayName} is not qualified to perform {service.Name}.", nameof(Provider));
            }

            if (!room.InService)
            {
                throw new DomainException($"{room.Name} is out of service.", nameof(Room));
            }

            if (service.NeedsDevice && device is not { InService: true })
            {
                throw new DomainException($"{service.Name} needs a device in service.", nameof(Device));
            }
        }

        var appointment = new Appointment
        {
            Id = Guid.CreateVersion7(),
            ClientId = clientId,
            ServiceId = service.Id,
            Service = service,
            PriceAtBooking = service.Price,
            ProviderId = provider.Id,
            Provider = provider,
            RoomId = room.Id,
            Room = room,
            DeviceId = device?.Id,
            Device = device,
            StartsAt = start,
            EndsAt = end,
            BlockedUntil = booked ? end + service.BufferAfter : end,
            Status = status,
            Source = BookingSource.Imported,
            CreatedAt = at,
            StatusChangedAt = at,
        };
        appointment.Write(origin, by, now);
        return appointment;
    }

    private static Appointment Create(
        Client client,
        Service service,
        Provider provider,
        Room room,
        Device? device,
        IEnumerable<BodyArea> areas,
        DateTimeOffset startsAt,
        BookingSource source,
        DateTimeOffset now,
        bool insideProtocolInterval)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(areas);

        if (insideProtocolInterval && source != BookingSource.FrontDesk)
        {
            throw new DomainException("Only the front desk books inside the protocol interval, with a provider's approval.");
        }

        if (!service.IsActive)
        {
            throw new DomainException($"{service.Name} is no longer offered.", nameof(Service));
        }

        if (!provider.Bookable)
        {
            throw new DomainException($"{provider.DisplayName} does not take appointments.", nameof(Provider));
        }

        if (!service.CanBePerformedBy(provider))
        {
            throw new DomainException(
                $"{provider.DisplayName} is not qualified to perform {service.Name}.", nameof(Provider));
        }

        if (!room.InService)
        {
            throw new DomainException($"{room.Name} is out of service.", nameof(Room));
        }

        if (service.NeedsDevice && device is null)
        {
            throw new DomainException($"{service.Name} needs a device.", nameof(Device));
        }

        if (!service.NeedsDevice && device is not null)
        {
            throw new DomainException($"{service.Name} does not use a device.", nameof(Device));
        }

        if (device is { InService: false })
        {
            throw new DomainException($"{device.Name} is out of service.", nameof(Device));
        }

        var chosen = areas.DistinctBy(a => a.Id).ToList();
        var offered = service.BodyAreas.Select(a => a.Id).ToHashSet();
        if (chosen.FirstOrDefault(a => !offered.Contains(a.Id)) is { } notOffered)
        {
            throw new DomainException($"{service.Name} does not include {notOffered.Name}.", nameof(BodyAreas));
        }

        if (service.LacksAreas(chosen.ConvertAll(a => a.Id)))
        {
            throw new DomainException(Service.AreasRequired, nameof(BodyAreas));
        }

        var start = startsAt.ToUniversalTime();
        if (start < now.ToUniversalTime() - PastStartGrace)
        {
            throw new DomainException("An appointment cannot start in the past.", nameof(StartsAt));
        }

        var appointment = new Appointment
        {
            Id = Guid.CreateVersion7(),
            ClientId = client.Id,
            Client = client,
            ServiceId = service.Id,
            Service = service,
            PriceAtBooking = service.Price,
            ProviderId = provider.Id,
            Provider = provider,
            RoomId = room.Id,
            Room = room,
            DeviceId = device?.Id,
            Device = device,
            StartsAt = start,
            EndsAt = start + service.Duration,
            BlockedUntil = start + service.Duration + service.BufferAfter,
            Status = AppointmentStatus.Booked,
            Source = source,
            CreatedAt = now.ToUniversalTime(),
            StatusChangedAt = now.ToUniversalTime(),
        };
        appointment._bodyAreas.AddRange(chosen);
        return appointment;
    }

    /// <summary>The client paid what the hold waited for (<paramref name="paid"/> says what, for the history): the visit is booked.</summary>
    /// <returns>False when it was booked already (the webhook and the browser's return both bring the news): nothing changes.</returns>
    public bool ConfirmPayment(string paid, DateTimeOffset now, ChangedBy by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paid);
        if (Status == AppointmentStatus.Booked && HeldUntil is not null)
        {
            return false;
        }

        Require(AppointmentStatus.Held, "be confirmed by a payment");
        MoveTo(AppointmentStatus.Booked, now);
        Write($"Booked online: {paid}", by, now);
        return true;
    }

    /// <summary>The hold ends without a payment (it lapsed, or the client gave the time up): the time is free again.</summary>
    /// <returns>False when it was released already: nothing changes.</returns>
    public bool ReleaseHold(string why, DateTimeOffset now, ChangedBy by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        if (Status == AppointmentStatus.Cancelled && CancellationReason == Scheduling.CancellationReason.HoldReleased)
        {
            return false;
        }

        Require(AppointmentStatus.Held, "be released");
        CancellationReason = Scheduling.CancellationReason.HoldReleased;
        MoveTo(AppointmentStatus.Cancelled, now);
        Write($"Hold released: {why}", by, now);
        return true;
    }

    /// <summary>Attaches what the client completed online: screening, consent and the draft it came from.</summary>
    public void RecordIntake(BookingDraft draft, bool needsReview)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (draft.ClientId != ClientId)
        {
            throw new DomainException("This booking belongs to someone else.");
        }

        BookingDraftId = draft.Id;
        ScreeningId = draft.ScreeningId;
        ConsentSignatureId = draft.ConsentSignatureId;
        NeedsReview = needsReview;
    }

    /// <summary>
    /// The client answered the screening at check-in (on the clinic's tablet). A hard stop or a
    /// needs-review answer flags the visit for the provider; the answers stay in the screening record.
    /// </summary>
    public void RecordCheckInScreening(Intake.Screening screening, ChangedBy by)
    {
        ArgumentNullException.ThrowIfNull(screening);
        RequireIntakeOpen(screening.ClientId);
        ScreeningId = screening.Id;
        NeedsReview = screening.Outcome != Intake.ScreeningOutcome.Clear;
        Write(NeedsReview ? "Screening answered at check-in: needs provider review" : "Screening answered at check-in", by, screening.AnsweredAt);
    }

    /// <summary>The client signed the consent at check-in.</summary>
    public void RecordCheckInConsent(Intake.ConsentSignature signature, ChangedBy by)
    {
        ArgumentNullException.ThrowIfNull(signature);
        RequireIntakeOpen(signature.ClientId);
        ConsentSignatureId = signature.Id;
        Write($"Consent v{signature.FormVersion} signed at check-in", by, signature.SignedAt);
    }

    private void RequireIntakeOpen(Guid clientId)
    {
        if (clientId != ClientId)
        {
            throw new DomainException("This screening belongs to someone else.");
        }

        if (Status is not (AppointmentStatus.Booked or AppointmentStatus.CheckedIn))
        {
            throw new DomainException($"An appointment that is {Describe(Status)} takes no more screening or consent.");
        }
    }

    /// <summary>How long a client may take back their own online cancellation, while the time is still free.</summary>
    public static readonly TimeSpan UndoCancellationWindow = TimeSpan.FromMinutes(10);

    /// <summary>Whether the client may still cancel or reschedule online (before the clinic's cutoff).</summary>
    public bool CanBeChangedOnline(DateTimeOffset now, TimeSpan cutoff) =>
        Status == AppointmentStatus.Booked && ChangeableOnline(StartsAt, now, cutoff);

    /// <summary>
    /// The cutoff rule for a start not booked yet: false when a visit at <paramref name="startsAt"/>, booked at
    /// <paramref name="now"/>, could not be cancelled or moved online at all (it is already inside the cutoff).
    /// </summary>
    public static bool ChangeableOnline(DateTimeOffset startsAt, DateTimeOffset now, TimeSpan cutoff) =>
        now.ToUniversalTime() + cutoff <= startsAt.ToUniversalTime();

    /// <summary>Until when the client may undo their own cancellation; null when this is no cancellation of theirs to undo.</summary>
    public DateTimeOffset? CancellationUndoableUntil(DateTimeOffset now) =>
        Status == AppointmentStatus.Cancelled && CancellationReason == Scheduling.CancellationReason.ClientRequest
            && StatusChangedAt + UndoCancellationWindow is var until && until > now.ToUniversalTime() && StartsAt > now.ToUniversalTime()
            ? until
            : null;

    /// <summary>
    /// The client takes back the cancellation they made online a few minutes ago: the appointment is booked again at the
    /// same time with the same provider, in the room and pen free now (the caller checked the time is still open;
    /// PostgreSQL's overlap constraints refuse it if someone took it meanwhile).
    /// </summary>
    public void UndoCancellationByClient(Room room, Device? device, DateTimeOffset now, ChangedBy by)
    {
        ArgumentNullException.ThrowIfNull(room);
        if (CancellationUndoableUntil(now) is null)
        {
            throw new DomainException(Status == AppointmentStatus.Cancelled
                ? $"A cancellation can be undone online only within {UndoCancellationWindow.TotalMinutes:0} minutes. Please book the time again."
                : "This appointment is not cancelled.");
        }

        if (Service is { NeedsDevice: true } && device is null)
        {
            throw new DomainException($"{Service.Name} needs a device.", nameof(Device));
        }

        RoomId = room.Id;
        Room = room;
        DeviceId = device?.Id;
        Device = device;
        CancellationReason = null;
        CancellationNote = null;
        MoveTo(AppointmentStatus.Booked, now);
        Write("Cancellation undone online: booked again at the same time", by, now);
    }

    /// <summary>The client cancels online; inside the cutoff they must call the clinic instead.</summary>
    public void CancelByClient(DateTimeOffset now, TimeSpan cutoff, ChangedBy by)
    {
        RequireChangeableOnline(now, cutoff);
        MarkCancelled(Scheduling.CancellationReason.ClientRequest, null, now);
        Write("Cancelled online (client request)", by, now);
    }

    /// <summary>The front desk moves the appointment to another time, provider or room.</summary>
    public void Reschedule(Provider provider, Room room, Device? device, DateTimeOffset startsAt, DateTimeOffset now, ClinicTimeZone zone, ChangedBy by)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var from = zone.ToLocal(StartsAt);
        Move(provider, room, device, startsAt, now);
        Write($"Moved from {from:yyyy-MM-dd HH:mm} to {zone.ToLocal(StartsAt):yyyy-MM-dd HH:mm} with {provider.DisplayName} in {room.Name}", by, now);
    }

    /// <summary>The client moves the appointment online, before the clinic's cutoff.</summary>
    public void RescheduleByClient(
        Provider provider, Room room, Device? device, DateTimeOffset startsAt, DateTimeOffset now, TimeSpan cutoff, ClinicTimeZone zone, ChangedBy by)
    {
        ArgumentNullException.ThrowIfNull(zone);
        RequireChangeableOnline(now, cutoff);
        var from = zone.ToLocal(StartsAt);
        Move(provider, room, device, startsAt, now);
        Write($"Moved online from {from:yyyy-MM-dd HH:mm} to {zone.ToLocal(StartsAt):yyyy-MM-dd HH:mm}", by, now);
    }

    private void RequireChangeableOnline(DateTimeOffset now, TimeSpan cutoff)
    {
        if (!CanBeChangedOnline(now, cutoff))
        {
            throw new DomainException("This appointment can no longer be changed online. Please call the clinic.");
        }
    }

    /// <summary>Moves the appointment to another time (and the resources free then); same service and areas.</summary>
    private void Move(Provider provider, Room room, Device? device, DateTimeOffset startsAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(Service);
        if (Status != AppointmentStatus.Booked)
        {
            throw new DomainException($"An appointment that is {Describe(Status)} cannot be moved.");
        }

        if (!Service.CanBePerformedBy(provider))
        {
            throw new DomainException($"{provider.DisplayName} is not qualified to perform {Service.Name}.", nameof(Provider));
        }

        var start = startsAt.ToUniversalTime();
        if (start < now.ToUniversalTime())
        {
            throw new DomainException("An appointment cannot be moved into the past.", nameof(StartsAt));
        }

        ProviderId = provider.Id;
        Provider = provider;
        RoomId = room.Id;
        Room = room;
        DeviceId = device?.Id;
        Device = device;
        StartsAt = start;
        EndsAt = start + Service.Duration;
        BlockedUntil = EndsAt + Service.BufferAfter;
    }

    public void CheckIn(DateTimeOffset now, ChangedBy by)
    {
        Require(AppointmentStatus.Booked, "check in");
        MoveTo(AppointmentStatus.CheckedIn, now);
        Write("Checked in", by, now);
    }

    /// <summary>Starts the treatment: only once the gate (screening, consent, clearance) is open for this visit.</summary>
    public void StartTreatment(Intake.TreatmentGate gate, DateTimeOffset now, ChangedBy by)
    {
        ArgumentNullException.ThrowIfNull(gate);
        Require(AppointmentStatus.CheckedIn, "start");
        gate.Require(Id);
        MoveTo(AppointmentStatus.InTreatment, now);
        Write("Treatment started", by, now);
    }

    public void Complete(DateTimeOffset now, ChangedBy by)
    {
        Require(AppointmentStatus.InTreatment, "complete");
        MoveTo(AppointmentStatus.Completed, now);
        Write("Completed", by, now);
    }

    /// <summary>
    /// The clinic cancels (for the client or itself). A client's request inside the cancellation cutoff is a
    /// late cancellation, recorded as such whatever reason was chosen.
    /// </summary>
    public void Cancel(CancellationReason reason, string? note, TimeSpan cancellationCutoff, DateTimeOffset now, ChangedBy by)
    {
        if (reason == Scheduling.CancellationReason.ClientRequest && now.ToUniversalTime() + cancellationCutoff > StartsAt)
        {
            reason = Scheduling.CancellationReason.LateCancel;
        }

        MarkCancelled(reason, note, now);
        Write($"Cancelled ({Describe(reason)})" + (CancellationNote is { } kept ? $": {kept}" : string.Empty), by, now);
    }

    private void MarkCancelled(CancellationReason reason, string? note, DateTimeOffset now)
    {
        if (Status is not (AppointmentStatus.Booked or AppointmentStatus.CheckedIn))
        {
            throw new DomainException($"An appointment that is {Describe(Status)} cannot be cancelled.");
        }

        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmed is { Length: > FieldLengths.Note })
        {
            throw new DomainException($"The note has at most {FieldLengths.Note} characters.", nameof(CancellationNote));
        }

        CancellationReason = reason;
        CancellationNote = trimmed;
        MoveTo(AppointmentStatus.Cancelled, now);
    }

    public void MarkNoShow(DateTimeOffset now, ChangedBy by)
    {
        Require(AppointmentStatus.Booked, "mark as a no-show");
        if (now.ToUniversalTime() < StartsAt)
        {
            throw new DomainException("A client can be marked as a no-show only after the start time.");
        }

        MoveTo(AppointmentStatus.NoShow, now);
        Write("Marked as no-show", by, now);
    }

    private void Require(AppointmentStatus expected, string action)
    {
        if (Status != expected)
        {
            throw new DomainException($"An appointment that is {Describe(Status)} cannot {action}.");
        }
    }

    /// <summary>
    /// Two records of one client were merged (a duplicate found later, decision 045): the visit moves to the record kept,
    /// whatever its status, and says so in its history.
    /// </summary>
    public void MoveToClientRecord(Guid keptClientId, ChangedBy by, DateTimeOffset at)
    {
        if (keptClientId == ClientId)
        {
            return;
        }

        ClientId = keptClientId;
        Write("Moved to the client's kept record: two records of the same client were merged", by, at);
    }

    private void MoveTo(AppointmentStatus status, DateTimeOffset now)
    {
        Status = status;
        StatusChangedAt = now.ToUniversalTime();
    }

    private void Write(string what, ChangedBy by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(by);
        _history.Add(new AppointmentEvent(Id, what, by, at));
    }

    /// <summary>How a cancellation's reason reads on the appointment card and in its history.</summary>
    public static string Describe(CancellationReason reason) => reason switch
    {
        Scheduling.CancellationReason.ClientRequest => "client request",
        Scheduling.CancellationReason.LateCancel => "late cancel, inside the cutoff",
        Scheduling.CancellationReason.Clinic => "by the clinic",
        Scheduling.CancellationReason.Illness => "illness",
        Scheduling.CancellationReason.HoldReleased => "not paid online, the held time was released",
        _ => reason.ToString(),
    };

    private static string Describe(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Booked => "booked",
        AppointmentStatus.CheckedIn => "checked in",
        AppointmentStatus.InTreatment => "in treatment",
        AppointmentStatus.Completed => "completed",
        AppointmentStatus.Cancelled => "cancelled",
        AppointmentStatus.NoShow => "a no-show",
        AppointmentStatus.Held => "held for its payment",
        _ => status.ToString(),
    };
}
