using System.Globalization;
using MicroSpa.Domain;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Imports;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Csv;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// The rows of an uploaded file read as clients by its mapping: each cell to its field, names split from a full name,
/// dates read in the order the Admin chose; then the rules every new client follows (the desk's form's
/// <see cref="ClientDetailsRules"/>, then the client record's own), whose messages say why a row cannot be imported.
/// </summary>
public static class ClientRows
{
    private static readonly ClientDetailsRules Rules = new();

    /// <summary>One row as a client, with what is wrong with it (empty when it can be imported).</summary>
    public sealed record Row(
        int Line, string? ExternalId, string FirstName, string LastName, string? Email, string? Phone, DateOnly? DateOfBirth, string? Notes,
        IReadOnlyList<string> Problems) : IClientDetails
    {
        public string Name => $"{FirstName} {LastName}".Trim();

        /// <summary>
        /// The row's identity within its source (decision 044): the other system's client ID when the file has one, else a
        /// hash of what the row says, so the same row imported again is recognised.
        /// </summary>
        public string RowKey => ExternalId is { } id
            ? "id:" + id
            : "sha:" + Hash(FirstName, LastName, Email?.ToLowerInvariant(), Phone, DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Notes);

        /// <summary>
        /// What the row says, as a hash of its mapped values (decision 050): kept with the imported row, so the same row
        /// again is Unchanged whatever the desk did to the client since, and a row changed in the file is an update.
        /// </summary>
        public string ContentHash => Hash(
            ExternalId, FirstName, LastName, Email?.ToLowerInvariant(), Phone, DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Notes);

        private static string Hash(params string?[] values) =>
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\u001f', values))));
    }

    /// <summary>The rows of the file of <paramref name="upload"/> as clients, in the file's order (null when it is not mapped yet).</summary>
    public static IReadOnlyList<Row>? Read(ImportUpload upload, DateTimeOffset now, DateOnly today)
    {
        if (upload.Fields is not { } mapped)
        {
            return null;
        }

        var sheet = ImportFile.Read(upload.Content).Sheet
            ?? throw new InvalidOperationException($"Upload {upload.Id} was accepted but can no longer be read.");
        var fields = mapped.Select(f => Enum.TryParse<ClientField>(f, out var field) ? field : ClientField.None).ToArray();
        int ColumnOf(ClientField field) => Array.IndexOf(fields, field);
        var columns = ClientFields.All.ToDictionary(f => f, ColumnOf);
        return [.. sheet.Rows.Select(r => ReadRow(r, columns, sheet.Headers.Count, upload.DayFirst, now, today))];
    }

    private static Row ReadRow(
        ImportFile.Row cells, IReadOnlyDictionary<ClientField, int> columns, int headerCount, bool dayFirst, DateTimeOffset now, DateOnly today)
    {
        string? Value(ClientField field) => columns[field] is var column and >= 0 && cells.Cell(column).Trim() is { Length: > 0 } value ? value : null;

        var (first, last) = (Value(ClientField.FirstName) ?? string.Empty, Value(ClientField.LastName) ?? string.Empty);
        if (Value(ClientField.FullName) is { } fullName)
        {
            (first, last) = SplitName(fullName);
        }

        var problems = new List<string>();
        DateOnly? born = null;
        if (Value(ClientField.DateOfBirth) is { } dateText)
        {
            born = ReadDate(dateText, dayFirst);
            if (born is null)
            {
                problems.Add($"The date of birth “{Shorten(dateText)}” cannot be read: write it as {(dayFirst ? "31/12/1990" : "12/31/1990")} or 1990-12-31.");
            }
        }

        var row = new Row(cells.Line, Value(ClientField.ExternalId), first, last, Value(ClientField.Email), Value(ClientField.Phone), born,
            Value(ClientField.Notes), problems);
        problems.AddRange(Rules.Validate(row).Errors.Select(e => e.ErrorMessage).Distinct());
        if (row.ExternalId is { Length: > FieldLengths.ShortName })
        {
            problems.Add($"The client ID in the other system has more than {FieldLengths.ShortName} characters.");
        }

        if (problems.Count == 0)
        {
            // The client record's own rules, as the desk's form meets them when it saves.
            try
            {
                var client = new Client(row.FirstName, row.LastName, row.Email, row.Phone, now);
                if (born is { } date)
                {
                    client.RecordDateOfBirth(date, today);
                }

                client.UpdateFrontDeskDetails(row.Notes, null);
            }
            catch (DomainException refused)
            {
                problems.Add(refused.Message);
            }
        }

        if (cells.Cells.Skip(headerCount).Any(c => c.Trim().Length > 0))
        {
            // A separator in a cell that is not quoted shifts the row: its cells are not in the columns they look to be in,
            // so what the rules say of them would mislead.
            problems.Clear();
            problems.Add($"The row has {cells.Cells.Length} cells but the header names {headerCount} columns: a cell with a separator in it must be in double quotes.");
        }

        return row;
    }

    /// <summary>"Ana Nunez" → (Ana, Nunez); "Nunez, Ana" → (Ana, Nunez); "Mary Ann Smith" → (Mary Ann, Smith).</summary>
    public static (string First, string Last) SplitName(string fullName)
    {
        var name = string.Join(' ', fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (name.IndexOf(',', StringComparison.Ordinal) is var comma and > 0)
        {
            return (name[(comma + 1)..].Trim(), name[..comma].Trim());
        }

        return name.LastIndexOf(' ') is var space and > 0 ? (name[..space], name[(space + 1)..]) : (name, string.Empty);
    }

    private static readonly string[] IsoFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy.MM.dd", "yyyyMMdd"];
    private static readonly string[] MonthFirst = ["M/d/yyyy", "M-d-yyyy", "M.d.yyyy", "MMM d yyyy", "MMMM d yyyy", "d MMM yyyy", "d MMMM yyyy"];
    private static readonly string[] DayFirst = ["d/M/yyyy", "d-M-yyyy", "d.M.yyyy", "d MMM yyyy", "d MMMM yyyy", "MMM d yyyy", "MMMM d yyyy"];

    /// <summary>
    /// A date of birth as exports write it: ISO (1990-12-31, also with a time after it), or with slashes, dashes or dots in
    /// the order the Admin chose, or with the month's English name. Two-digit years are refused (1990 or 2090?).
    /// </summary>
    public static DateOnly? ReadDate(string text, bool dayFirst)
    {
        var value = text.Trim().Replace(",", " ", StringComparison.Ordinal);
        value = string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (value.Length >= 11 && value[4] == '-' && value[10] is 'T' or ' ')
        {
            value = value[..10];
        }

        var formats = IsoFormats.Concat(dayFirst ? DayFirst : MonthFirst).ToArray();
        return DateOnly.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
