namespace MicroSpa.Domain.Imports;

/// <summary>
/// A system files are imported from ("Vagaro export", "the old spreadsheet"), named by the Admin: the field each of its
/// columns was mapped to is remembered here, so the next file from it is mapped the same way (decision 043).
/// </summary>
public sealed class ImportSource
{
    private readonly List<ImportSourceColumn> _columns = [];

    private ImportSource()
    {
        Name = NameKey = string.Empty;
    }

    public ImportSource(string name, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        Name = CheckName(name);
        NameKey = KeyOf(Name);
        CreatedAt = UpdatedAt = at.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>The name as it is matched: trimmed, lower case (unique).</summary>
    public string NameKey { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public bool DayFirst { get; private set; }

    public IReadOnlyList<ImportSourceColumn> Columns => _columns;

    public static string KeyOf(string name) => name.Trim().ToLowerInvariant();

    /// <summary>A column's header as it is matched: trimmed, lower case.</summary>
    public static string HeaderKey(string header) => header.Trim().ToLowerInvariant();

    public static string CheckName(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new DomainException("Name the system the file comes from.", "SourceName");
        }

        if (trimmed.Length > FieldLengths.ShortName)
        {
            throw new DomainException($"A source's name has at most {FieldLengths.ShortName} characters.", "SourceName");
        }

        return trimmed;
    }

    /// <summary>The field this source's column of that header was mapped to last time, or null.</summary>
    public string? FieldFor(string header)
    {
        var key = HeaderKey(header);
        return _columns.FirstOrDefault(c => c.HeaderKey == key)?.Field;
    }

    /// <summary>Remembers the mapping the Admin chose for a file of this source.</summary>
    public void Remember(IReadOnlyList<string> headers, IReadOnlyList<string> fields, bool dayFirst, DateTimeOffset at)
    {
        for (var i = 0; i < headers.Count && i < fields.Count; i++)
        {
            var key = HeaderKey(headers[i]);
            if (key.Length == 0 || key.Length > FieldLengths.ShortName * 2)
            {
                continue;
            }

            if (_columns.FirstOrDefault(c => c.HeaderKey == key) is { } known)
            {
                known.Field = fields[i];
            }
            else
            {
                _columns.Add(new ImportSourceColumn(key, fields[i]));
            }
        }

        DayFirst = dayFirst;
        UpdatedAt = at.ToUniversalTime();
    }
}

/// <summary>One remembered column of a source: its header (as matched) and the field it fills.</summary>
public sealed class ImportSourceColumn
{
    private ImportSourceColumn()
    {
        HeaderKey = Field = string.Empty;
    }

    internal ImportSourceColumn(string headerKey, string field)
    {
        HeaderKey = headerKey;
        Field = field;
    }

    public string HeaderKey { get; private set; }

    public string Field { get; internal set; }
}
