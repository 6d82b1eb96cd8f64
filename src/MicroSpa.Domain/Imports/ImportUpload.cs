namespace MicroSpa.Domain.Imports;

/// <summary>What a file to import holds.</summary>
public enum ImportKind
{
    Clients = 1,

    /// <summary>Past and future appointments of clients on file (decision 056).</summary>
    Appointments = 2,
}

/// <summary>
/// A file an Admin uploaded to import (decision 043), kept server-side between the steps (mapping, dry run, confirm) so
/// that nothing the browser sends back is trusted as the file: its bytes as uploaded, what reading it found (separator,
/// encoding, header, number of rows) and, once the Admin mapped them, which field each column fills. It belongs to the
/// Admin who uploaded it and is deleted a day after.
/// </summary>
public sealed class ImportUpload
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    private readonly string[] _headers = [];
    private string[]? _fields;

    private ImportUpload()
    {
        SourceName = FileName = ContentHash = Separator = EncodingName = string.Empty;
        Content = [];
    }

    public ImportUpload(
        Guid ownerUserId, string sourceName, string fileName, byte[] content, string contentHash, char separator, string encodingName,
        IReadOnlyList<string> headers, int rowCount, DateTimeOffset at, ImportKind kind = ImportKind.Clients)
    {
        if (headers.Count == 0)
        {
            throw new DomainException("A file to import has a header row.", "File");
        }

        Id = Guid.CreateVersion7();
        OwnerUserId = ownerUserId;
        SourceName = ImportSource.CheckName(sourceName);
        FileName = fileName.Length > FieldLengths.ShortName * 2 ? fileName[..(FieldLengths.ShortName * 2)] : fileName;
        Content = content;
        ContentHash = contentHash;
        Separator = separator.ToString();
        EncodingName = encodingName;
        _headers = [.. headers];
        RowCount = rowCount;
        UploadedAt = at.ToUniversalTime();
        ExpiresAt = UploadedAt + KeptFor;
        Kind = Enum.IsDefined(kind) ? kind : throw new DomainException("Choose what the file holds.", "Kind");
    }

    /// <summary>What the file holds: clients, or appointments (decision 056).</summary>
    public ImportKind Kind { get; private set; } = ImportKind.Clients;

    public Guid Id { get; private set; }

    /// <summary>The Admin who uploaded it: nobody else opens it.</summary>
    public Guid OwnerUserId { get; private set; }

    /// <summary>The system the file came from, as the Admin named it: its column mapping is remembered under this name.</summary>
    public string SourceName { get; private set; }

    public string FileName { get; private set; }

    public byte[] Content { get; private set; }

    /// <summary>SHA-256 of <see cref="Content"/> (hex).</summary>
    public string ContentHash { get; private set; }

    public string Separator { get; private set; }

    public string EncodingName { get; private set; }

    public IReadOnlyList<string> Headers => _headers;

    /// <summary>Rows with data (blank rows are not counted).</summary>
    public int RowCount { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>The field each column fills, by column; null until the Admin mapped the columns.</summary>
    public IReadOnlyList<string>? Fields => _fields;

    /// <summary>Whether dates are read day first (31/12/1990) rather than month first (12/31/1990).</summary>
    public bool DayFirst { get; private set; }

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    public void Map(IReadOnlyList<string> fields, bool dayFirst)
    {
        if (fields.Count != _headers.Length)
        {
            throw new DomainException("Choose a field (or none) for every column of the file.");
        }

        _fields = [.. fields];
        DayFirst = dayFirst;
    }
}
