namespace MicroSpa.Domain.Imports;

/// <summary>
/// One confirmed import (decision 044): which source and file, who confirmed it, how many rows made or changed a client;
/// undone (its new clients removed, its changes put back) while nothing depends on them.
/// </summary>
public sealed class ImportBatch
{
    private ImportBatch()
    {
        SourceName = SourceKey = FileName = ContentHash = ConfirmedByName = string.Empty;
    }

    public ImportBatch(string sourceName, string fileName, string contentHash, Guid? confirmedBy, string confirmedByName, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        SourceName = ImportSource.CheckName(sourceName);
        SourceKey = ImportSource.KeyOf(SourceName);
        FileName = fileName;
        ContentHash = contentHash;
        ConfirmedBy = confirmedBy;
        ConfirmedByName = confirmedByName;
        ConfirmedAt = at.ToUniversalTime();
    }

    public Guid Id { get; private set; }
    public string SourceName { get; private set; }
    public string SourceKey { get; private set; }
    public string FileName { get; private set; }
    public string ContentHash { get; private set; }
    public Guid? ConfirmedBy { get; private set; }
    public string ConfirmedByName { get; private set; }
    public DateTimeOffset ConfirmedAt { get; private set; }
    public int Created { get; private set; }
    public int Updated { get; private set; }
    public int Unchanged { get; private set; }
    public int Skipped { get; private set; }
    public DateTimeOffset? UndoneAt { get; private set; }

    public bool IsUndone => UndoneAt is not null;

    public void Count(int created, int updated, int unchanged, int skipped) =>
        (Created, Updated, Unchanged, Skipped) = (created, updated, unchanged, skipped);

    public void Undo(DateTimeOffset at)
    {
        if (IsUndone)
        {
            throw new DomainException("This import was already undone.");
        }

        UndoneAt = at.ToUniversalTime();
    }
}

/// <summary>
/// A row of a confirmed import and the client it made or changed, keyed by its source and the row's identity (the other
/// system's client ID, or a hash of what the row says): the same row imported again is found here and changes nothing.
/// An update keeps the values it replaced, for the undo.
/// </summary>
public sealed class ImportedRow
{
    private ImportedRow()
    {
        SourceKey = RowKey = string.Empty;
    }

    public ImportedRow(Guid batchId, string sourceKey, string rowKey, Guid clientId, bool created, ReplacedDetails? replaced)
    {
        Id = Guid.CreateVersion7();
        BatchId = batchId;
        SourceKey = sourceKey;
        RowKey = rowKey;
        ClientId = clientId;
        Created = created;
        (PreviousEmail, PreviousPhone, PreviousDateOfBirth, PreviousNotes) =
            replaced is null ? default : (replaced.Email, replaced.Phone, replaced.DateOfBirth, replaced.Notes);
    }

    public Guid Id { get; private set; }
    public Guid BatchId { get; private set; }
    public string SourceKey { get; private set; }
    public string RowKey { get; private set; }
    public Guid ClientId { get; private set; }

    /// <summary>True: the row made this client; false: it changed one already on file.</summary>
    public bool Created { get; private set; }

    public string? PreviousEmail { get; private set; }
    public string? PreviousPhone { get; private set; }
    public DateOnly? PreviousDateOfBirth { get; private set; }
    public string? PreviousNotes { get; private set; }
}

/// <summary>What an import's update replaced on a client.</summary>
public sealed record ReplacedDetails(string? Email, string? Phone, DateOnly? DateOfBirth, string? Notes);
