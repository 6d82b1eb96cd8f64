namespace MicroSpa.Domain.Scheduling;

/// <summary>One line of an appointment's history: what happened, when, and who did it.</summary>
public sealed class AppointmentEvent
{
    private AppointmentEvent()
    {
        What = ByName = string.Empty;
    }

    public AppointmentEvent(Guid appointmentId, string what, Guid? byUserId, string byName, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        AppointmentId = appointmentId;
        What = what.Length > FieldLengths.Description ? what[..FieldLengths.Description] : what;
        ByUserId = byUserId;
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
