namespace MicroSpa.Domain.Audit;

/// <summary>
/// Who did what to which client's clinical record, and when. Written for every chart view, save,
/// signature and addendum; the app never changes or deletes one.
/// </summary>
public sealed class AuditEntry
{
    public const int ActionLength = 40;

    private AuditEntry()
    {
        Action = UserName = string.Empty;
    }

    public AuditEntry(Guid? userId, string userName, Guid? clientId, string action, Guid? subjectId, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(action) || action.Length > ActionLength)
        {
            throw new DomainException("An audit entry needs an action.");
        }

        Id = Guid.CreateVersion7();
        UserId = userId;
        UserName = userName.Length > FieldLengths.Email ? userName[..FieldLengths.Email] : userName;
        ClientId = clientId;
        Action = action;
        SubjectId = subjectId;
        At = at.ToUniversalTime();
    }

    public Guid Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public Guid? UserId { get; private set; }
    public string UserName { get; private set; }
    public Guid? ClientId { get; private set; }

    /// <summary>What happened, e.g. "chart.view", "chart.sign".</summary>
    public string Action { get; private set; }

    /// <summary>The record acted on (a chart, a plan).</summary>
    public Guid? SubjectId { get; private set; }
}
