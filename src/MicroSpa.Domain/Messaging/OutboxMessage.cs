namespace MicroSpa.Domain.Messaging;

public enum OutboxStatus
{
    Pending = 1,
    Sent = 2,

    /// <summary>Given up after <see cref="OutboxMessage.MaxAttempts"/> failed attempts (kept for the Admin to see).</summary>
    Failed = 3,
}

/// <summary>
/// An email waiting to be sent by the background dispatcher. Each has a unique key (what it is about),
/// so scheduling the same reminder twice stores it once; dispatchers on several app instances claim
/// messages with FOR UPDATE SKIP LOCKED, so each is sent by one of them; failures are retried later.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxAttempts = 5;
    public const int KeyLength = 120;

    private OutboxMessage()
    {
        Key = Kind = To = Subject = TextBody = HtmlBody = string.Empty;
    }

    public OutboxMessage(string key, string kind, string to, string subject, string textBody, string htmlBody, DateTimeOffset dueAt, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > KeyLength)
        {
            throw new DomainException("An outbox message needs a key.");
        }

        Id = Guid.CreateVersion7();
        Key = key;
        Kind = kind;
        To = to;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
        DueAt = dueAt.ToUniversalTime();
        Status = OutboxStatus.Pending;
        CreatedAt = now.ToUniversalTime();
    }

    public Guid Id { get; private set; }
    public string Key { get; private set; }
    public string Kind { get; private set; }
    public string To { get; private set; }
    public string Subject { get; private set; }
    public string TextBody { get; private set; }
    public string HtmlBody { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }

    /// <summary>The kind of the last error (never its text, which may hold an address).</summary>
    public string? LastError { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>One file sent with the message (a booking's calendar invitation), if any.</summary>
    public string? AttachmentName { get; private set; }

    public string? AttachmentContentType { get; private set; }

    public byte[]? AttachmentContent { get; private set; }

    /// <summary>The body holds a secret (a booking link): it is erased once the message is sent.</summary>
    public bool ForgetBodyWhenSent { get; private set; }

    public void HoldsSecret() => ForgetBodyWhenSent = true;

    public void Attach(string fileName, string contentType, byte[] content)
    {
        if (string.IsNullOrWhiteSpace(fileName) || string.IsNullOrWhiteSpace(contentType) || content.Length == 0)
        {
            throw new DomainException("An attachment needs a name, a type and content.");
        }

        AttachmentName = fileName;
        AttachmentContentType = contentType;
        AttachmentContent = content;
    }

    public void MarkSent(DateTimeOffset now)
    {
        Status = OutboxStatus.Sent;
        Attempts++;
        SentAt = now.ToUniversalTime();
        if (ForgetBodyWhenSent)
        {
            TextBody = HtmlBody = "(erased after sending: it held a private link)";
        }
    }

    /// <summary>Retries later, waiting longer each time (1, 4, 9, 16 minutes), then gives up.</summary>
    public void MarkFailed(string errorKind, DateTimeOffset now)
    {
        Attempts++;
        LastError = errorKind.Length > 200 ? errorKind[..200] : errorKind;
        if (Attempts >= MaxAttempts)
        {
            Status = OutboxStatus.Failed;
            return;
        }

        DueAt = now.ToUniversalTime().AddMinutes(Attempts * Attempts);
    }
}
