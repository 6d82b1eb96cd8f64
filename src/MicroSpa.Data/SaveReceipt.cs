namespace MicroSpa.Data;

/// <summary>
/// Written in the same transaction as the changes of one SaveChanges. When the connection breaks while
/// PostgreSQL commits, nobody knows whether the commit happened: the execution strategy looks for the
/// receipt before it saves again, so a booking is never stored twice nor reported as failed when it was
/// kept. Receipts older than a day say nothing anyone still asks about and are deleted.
/// </summary>
public sealed class SaveReceipt(Guid id, DateTimeOffset savedAt)
{
    public Guid Id { get; private set; } = id;
    public DateTimeOffset SavedAt { get; private set; } = savedAt;
}
