namespace MicroSpa.Domain.Scheduling;

/// <summary>
/// One line of an appointment's history: what happened, when, and who did it. Written only by the
/// <see cref="Appointment"/> method that made the change (decision 030).
/// </summary>
public sealed class AppointmentEvent
{
    private AppointmentEvent()
    {
        What = ByName = string.Empty;
    }

    internal AppointmentEvent(Guid appointmentId, string what, ChangedBy by, DateTimeOffset at)
    {
        var byName = by.Name;
        Id = Guid.CreateVersion7();
        AppointmentId = appointmentId;
        What = what.Length > FieldLengths.Description ? what[..FieldLengths.Description] : what;
        ByUserId = by.UserId;
        ByName = byName.Length > FieldLengths.PersonName ? byName[..FieldLengths.PersonName] : byName;
        At = at.ToUniversalTime();
    }

    public Guid Id { get; private set; }
    public Guid AppointmentId { get; private set; }
    public string What { get; private set; }
    public Guid? ByUserId { get; private set; }
    public string ByName { get; private set; }
    public DateTimeOffset At { get; private set; }
}
