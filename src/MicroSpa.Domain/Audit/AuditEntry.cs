namespace MicroSpa.Domain.Audit;

/// <summary>
/// Who did what to which client's clinical record, and when. Written for every chart view, save,
/// signature and addendum; the app never changes or deletes one.
/// </summary>
public sealed class AuditEntry
{
    public const int ActionLength = 40;

    /// <summary>The longest <see cref="Detail"/>: two email addresses and two phone numbers with their labels fit.</summary>
    public const int DetailLength = 800;

    private AuditEntry()
    {
        Action = UserName = string.Empty;
    }

    /// <summary>An IPv6 address in full, with a zone: 45 characters.</summary>
    public const int AddressLength = 45;

    public AuditEntry(Guid? userId, string userName, Guid? clientId, string action, Guid? subjectId, DateTimeOffset at, string? detail = null, string? fromAddress = null)
    {
        if (string.IsNullOrWhiteSpace(action) || action.Length > ActionLength)
        {
            throw new DomainException("An audit entry needs an action.");
        }

        if (detail is { Length: > DetailLength })
        {
            throw new DomainException($"An audit entry's detail has at most {DetailLength} characters.");
        }

        Id = Guid.CreateVersion7();
        UserId = userId;
        UserName = userName.Length > FieldLengths.Email ? userName[..FieldLengths.Email] : userName;
        ClientId = clientId;
        Action = action;
        SubjectId = subjectId;
        At = at.ToUniversalTime();
        Detail = string.IsNullOrWhiteSpace(detail) ? null : detail;
        FromAddress = string.IsNullOrWhiteSpace(fromAddress) ? null : fromAddress.Length > AddressLength ? fromAddress[..AddressLength] : fromAddress;
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

    /// <summary>What a reviewer needs beyond the action: a contact change's old and new values, the lot a recall searched.</summary>
    public string? Detail { get; private set; }

    /// <summary>Where the request came from (the client address the app saw, behind trusted proxies the forwarded one); none for background work.</summary>
    public string? FromAddress { get; private set; }
}
