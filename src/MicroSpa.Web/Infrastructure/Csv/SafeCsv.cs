using System.Globalization;
using CsvHelper;

namespace MicroSpa.Web.Infrastructure.Csv;

/// <summary>
/// Every CSV MicroSpa writes (the audit export, a client's records, imports' dry runs) goes through here: RFC 4180
/// quoting by CsvHelper (commas, quotes and line breaks inside a field survive a round trip), CRLF line ends, UTF-8
/// without a byte-order mark, and no text cell a spreadsheet would run as a formula: a cell starting with = + - @,
/// a tab or a carriage return is prefixed with a single quote (OWASP's "CSV injection" advice). Numbers and times
/// written with <see cref="WriteRowAsync"/> are formatted invariantly and left as they are (-5.25 stays a number).
/// </summary>
public static class SafeCsv
{
    /// <summary>What a text cell may not start with unless defused.</summary>
    public const string FormulaStarts = "=+-@\t\r";

    public static CsvWriterOptions Options { get; } = new()
    {
        Injection = CsvInjection.Escape,
        InjectionCharacters = FormulaStarts,
        InjectionEscape = '\'',
        NewLine = "\r\n",
        FormatProvider = CultureInfo.InvariantCulture,
        WriteByteOrderMark = false,
        ValidateFieldCount = true,
    };

    /// <summary>A writer on <paramref name="output"/>, which stays open when the writer is disposed.</summary>
    public static CsvWriter Create(Stream output) => CsvWriter.Create(output, Options, leaveOpen: true);

    /// <summary>A writer on <paramref name="output"/>, which stays open when the writer is disposed.</summary>
    public static CsvWriter Create(TextWriter output) => CsvWriter.Create(output, Options, leaveOpen: true);

    /// <summary>
    /// Writes one record and ends it, flushing to <paramref name="writer"/>'s stream asynchronously when its buffer is
    /// full (an HTTP response refuses synchronous writes). Text is defused and quoted as needed; numbers, dates and
    /// times invariant (instants as UTC ISO 8601 with milliseconds, dates yyyy-MM-dd); null is an empty cell.
    /// </summary>
    public static ValueTask WriteRowAsync(this CsvWriter writer, IReadOnlyList<object?> cells, CancellationToken cancellationToken)
    {
        foreach (var cell in cells)
        {
            WriteCell(writer, cell);
        }

        return writer.EndRecordAsync(cancellationToken);
    }

    /// <summary>Writes one record to a writer on memory or a file (synchronous flushes); see <see cref="WriteRowAsync"/>.</summary>
    public static void WriteRow(this CsvWriter writer, params ReadOnlySpan<object?> cells)
    {
        foreach (var cell in cells)
        {
            WriteCell(writer, cell);
        }

        writer.EndRecord();
    }

    private static void WriteCell(CsvWriter writer, object? cell)
    {
        // A number is written as a number (CsvHelper escapes only text fields): "-5.25" is never a formula.
        switch (cell)
        {
            case decimal d:
                writer.WriteField(d, default, CultureInfo.InvariantCulture);
                break;
            case int i:
                writer.WriteField(i, default, CultureInfo.InvariantCulture);
                break;
            case long l:
                writer.WriteField(l, default, CultureInfo.InvariantCulture);
                break;
            case double x:
                writer.WriteField(x, "R", CultureInfo.InvariantCulture);
                break;
            default:
                writer.WriteField(Text(cell));
                break;
        }
    }

    /// <summary>The whole of a small table as CSV text (header first).</summary>
    public static string ToText(IReadOnlyList<string> header, IEnumerable<object?[]> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = Create(text))
        {
            writer.WriteRow([.. header]);
            foreach (var row in rows)
            {
                writer.WriteRow(row);
            }

            writer.Flush();
        }

        return text.ToString();
    }

    private static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => s,
        DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateTime at => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };
}
