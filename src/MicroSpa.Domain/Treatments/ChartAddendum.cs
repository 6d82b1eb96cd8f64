namespace MicroSpa.Domain.Treatments;

/// <summary>A dated correction or note added by a clinician under a signed chart.</summary>
public sealed class ChartAddendum
{
    private ChartAddendum()
    {
        Text = ByName = string.Empty;
    }

    internal ChartAddendum(Guid recordId, string text, Guid byUserId, string byName, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        TreatmentRecordId = recordId;
        Text = text;
        ByUserId = byUserId;
        ByName = byName;
        At = at.ToUniversalTime();
    }

    public Guid Id { get; private set; }
    public Guid TreatmentRecordId { get; private set; }
    public string Text { get; private set; }
    public Guid ByUserId { get; private set; }
    public string ByName { get; private set; }
    public DateTimeOffset At { get; private set; }
}
