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

    public ImportBatch(
        string sourceName, string fileName, string contentHash, Guid? confirmedBy, string confirmedByName, DateTimeOffset at,
        ImportKind kind = ImportKind.Clients, Guid? uploadId = null)
    {
        Id = Guid.CreateVersion7();
        UploadId = uploadId;
        Kind = kind;
        SourceName = ImportSource.CheckName(sourceName);
        SourceKey = ImportSource.KeyOf(SourceName);
        FileName = fileName;
        ContentHash = contentHash;
        ConfirmedBy = confirmedBy;
        ConfirmedByName = confirmedByName;
        ConfirmedAt = at.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    /// <summary>The upload the batch was confirmed from (removed then): a second click on Confirm finds the batch by it.</summary>
    public Guid? UploadId { get; private set; }

    /// <summary>What the batch imported: clients, or appointments (its <see cref="Created"/> are then appointments).</summary>
    public ImportKind Kind { get; private set; } = ImportKind.Clients;
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

    /// <summary>Of the possible duplicates: merged into the client offered, created as new clients, skipped (the Admin's choice per row).</summary>
    public int DuplicatesMerged { get; private set; }

    public int DuplicatesCreated { get; private set; }
    public int DuplicatesSkipped { get; private set; }

    /// <summary>What the undo left as it found it, and why ("Line 3: the email was kept: ..."), for the batch's page.</summary>
    public IReadOnlyList<string> UndoNotes => _undoNotes;

    private string[] _undoNotes = [];

    public bool IsUndone => UndoneAt is not null;

    public void Count(int created, int updated, int unchanged, int skipped) =>
        (Created, Updated, Unchanged, Skipped) = (created, updated, unchanged, skipped);

    public void CountDuplicates(int merged, int created, int skipped) =>
        (DuplicatesMerged, DuplicatesCreated, DuplicatesSkipped) = (merged, created, skipped);

    public void Undo(DateTimeOffset at, IEnumerable<string>? notes = null)
    {
        if (IsUndone)
        {
            throw new DomainException("This import was already undone.");
        }

        UndoneAt = at.ToUniversalTime();
        _undoNotes = [.. notes ?? []];
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

    /// <param name="batchId">The batch that imported the row.</param>
    /// <param name="sourceKey">The source's key (<see cref="ImportSource.KeyOf"/>).</param>
    /// <param name="rowKey">The row's identity within the source.</param>
    /// <param name="line">The row's line in the file.</param>
    /// <param name="contentHash">A hash of what the row said (its mapped values), to tell a row changed in the file from one that is not.</param>
    /// <param name="clientId">The client the row made or changed.</param>
    /// <param name="created">True when the row made the client.</param>
    /// <param name="replaced">What an update replaced, for the undo.</param>
    /// <param name="imported">What an update left on the client, for the undo to see what was changed since.</param>
    public ImportedRow(
        Guid batchId, string sourceKey, string rowKey, int line, string contentHash, Guid clientId, bool created, ReplacedDetails? replaced,
        ReplacedDetails? imported)
    {
        Id = Guid.CreateVersion7();
        BatchId = batchId;
        SourceKey = sourceKey;
        RowKey = rowKey;
        Line = line;
        ContentHash = contentHash;
        ClientId = clientId;
        Created = created;
        (PreviousEmail, PreviousPhone, PreviousDateOfBirth, PreviousNotes) =
            replaced is null ? default : (replaced.Email, replaced.Phone, replaced.DateOfBirth, replaced.Notes);
        HasImported = imported is not null;
        (ImportedEmail, ImportedPhone, ImportedDateOfBirth, ImportedNotes) =
            imported is null ? default : (imported.Email, imported.Phone, imported.DateOfBirth, imported.Notes);
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

    /// <summary>The row's line in the file it was imported from (0 for rows imported before lines were kept).</summary>
    public int Line { get; private set; }

    /// <summary>A hash of the row's mapped values as last imported (null for rows imported before hashes were kept).</summary>
    public string? ContentHash { get; private set; }

    /// <summary>False for rows imported before what an update left was kept: their undo restores without looking.</summary>
    public bool HasImported { get; private set; }

    public string? ImportedEmail { get; private set; }
    public string? ImportedPhone { get; private set; }
    public DateOnly? ImportedDateOfBirth { get; private set; }
    public string? ImportedNotes { get; private set; }

    public ReplacedDetails Previous => new(PreviousEmail, PreviousPhone, PreviousDateOfBirth, PreviousNotes);

    public ReplacedDetails? Imported => HasImported ? new(ImportedEmail, ImportedPhone, ImportedDateOfBirth, ImportedNotes) : null;

    /// <summary>The row came again with other values and changed its client again: this is what it says now.</summary>
    public void Reimported(string contentHash) => ContentHash = contentHash;
}

/// <summary>
/// What undoing an import's update puts back on one client (decision 044, amended by 050): each field the import
/// changed goes back to what it replaced, unless it was changed since (at the desk, or by a later import: the later
/// value is kept), or it would take away the email an online account signs in with (kept). Every field kept is said,
/// with the row's line.
/// </summary>
public static class ImportUndo
{
    public sealed record Plan(ReplacedDetails Restored, IReadOnlyList<string> Kept);

    /// <param name="line">The line of the (first) row that changed the client.</param>
    /// <param name="before">What the import replaced.</param>
    /// <param name="imported">What the import left (null when not kept: restored without looking).</param>
    /// <param name="now">The client as it is now.</param>
    /// <param name="hasAccount">The client has an online account (or one waiting for confirmation).</param>
    public static Plan For(int line, ReplacedDetails before, ReplacedDetails? imported, ReplacedDetails now, bool hasAccount)
    {
        var kept = new List<string>();
        T Pick<T>(string field, T was, T? left, T current, bool hasLeft)
        {
            if (!hasLeft || Equals(left, current))
            {
                return was;
            }

            if (!Equals(was, left))
            {
                kept.Add($"Line {line}: the {field} was changed since the import, so it was kept as it is.");
            }

            return current;
        }

        var has = imported is not null;
        var email = Pick("email", before.Email, imported?.Email, now.Email, has);
        if (email is null && now.Email is not null && hasAccount)
        {
            kept.Add($"Line {line}: the email was kept: the client has an online account since, which signs in with it.");
            email = now.Email;
        }

        var phone = Pick("phone", before.Phone, imported?.Phone, now.Phone, has);
        if (email is null && phone is null && now.Email is not null)
        {
            kept.Add($"Line {line}: the email was kept: without it the client would have neither an email nor a phone.");
            email = now.Email;
        }

        return new Plan(
            new ReplacedDetails(
                email,
                phone,
                Pick("date of birth", before.DateOfBirth, imported?.DateOfBirth, now.DateOfBirth, has),
                Pick("notes", before.Notes, imported?.Notes, now.Notes, has)),
            kept);
    }
}

/// <summary>What an import's update replaced on a client.</summary>
public sealed record ReplacedDetails(string? Email, string? Phone, DateOnly? DateOfBirth, string? Notes);

/// <summary>
/// An appointment a batch imported (decision 056), keyed by its source and the row's identity (the other system's
/// appointment ID, or a hash of what the row says): the same row imported again is found here and creates nothing.
/// </summary>
public sealed class ImportedAppointment
{
    private ImportedAppointment()
    {
        SourceKey = RowKey = string.Empty;
    }

    public ImportedAppointment(Guid batchId, string sourceKey, string rowKey, int line, Guid appointmentId)
    {
        Id = Guid.CreateVersion7();
        BatchId = batchId;
        SourceKey = sourceKey;
        RowKey = rowKey;
        Line = line;
        AppointmentId = appointmentId;
    }

    public Guid Id { get; private set; }
    public Guid BatchId { get; private set; }
    public string SourceKey { get; private set; }
    public string RowKey { get; private set; }
    public int Line { get; private set; }
    public Guid AppointmentId { get; private set; }
}

/// <summary>Which of the clinic's services or providers a name in another system's files means.</summary>
public enum ImportNameKind
{
    Service = 1,
    Provider = 2,
}

/// <summary>
/// A name a source's files use for a service or a provider ("HydraFacial Deluxe", "Jess M."), mapped by the Admin to
/// one of the clinic's (decision 056) and remembered for the next file from that source.
/// </summary>
public sealed class ImportNameMap
{
    private ImportNameMap()
    {
        SourceKey = NameKey = Name = string.Empty;
    }

    public ImportNameMap(string sourceKey, ImportNameKind kind, string name, Guid targetId, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        SourceKey = sourceKey;
        Kind = kind;
        Name = name.Trim().Length > FieldLengths.ShortName * 2 ? name.Trim()[..(FieldLengths.ShortName * 2)] : name.Trim();
        NameKey = KeyOf(name);
        TargetId = targetId;
        UpdatedAt = at.ToUniversalTime();
    }

    public Guid Id { get; private set; }
    public string SourceKey { get; private set; }
    public ImportNameKind Kind { get; private set; }

    /// <summary>The name as the file wrote it (the first time).</summary>
    public string Name { get; private set; }

    /// <summary>The name as it is matched: trimmed, spaces squeezed, lower case.</summary>
    public string NameKey { get; private set; }

    public Guid TargetId { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static string KeyOf(string name)
    {
        var key = string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToLowerInvariant();
        return key.Length > FieldLengths.ShortName * 2 ? key[..(FieldLengths.ShortName * 2)] : key;
    }

    public void PointTo(Guid targetId, DateTimeOffset at) => (TargetId, UpdatedAt) = (targetId, at.ToUniversalTime());
}
