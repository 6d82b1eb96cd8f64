using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace MicroSpa.Web.Infrastructure.Csv;

/// <summary>
/// How a file to import is read (decision 043), before anything of it is believed: at most <see cref="MaxBytes"/>;
/// text, not binary (no NUL or other control character); UTF-8 with or without a byte-order mark, UTF-16 with one,
/// and otherwise Windows-1252 (what Excel on Windows saves as "CSV"), chosen by whether the bytes are valid UTF-8 (bytes
/// with UTF-8's multi-byte characters and an invalid byte are refused, naming its line);
/// the separator (comma, semicolon, tab or bar) sniffed from the header row, or given by an Excel <c>sep=</c> line;
/// a header row that names the columns; RFC 4180 quoting by CsvHelper (separators, quotes and line breaks inside a
/// quoted field), a quote never closed refused with its line; blank rows skipped without being kept; at most
/// <see cref="MaxRows"/> rows. Cell values are kept as text: nothing here runs or interprets them.
/// </summary>
public static class ImportFile
{
    public const int MaxBytes = 20 * 1024 * 1024;
    public const int MaxRows = 100_000;
    public const int MaxColumns = 100;
    public const int MaxHeaderLength = 160;

    public const string Utf8Name = "UTF-8";
    public const string Utf16Name = "UTF-16";
    public const string Windows1252Name = "Windows-1252";

    public const string Empty = "The file is empty.";
    public const string NotText = "This is not a text file (it holds binary data). Export the list as CSV from the other system and upload that.";
    public const string NoHeader =
        "The file has no header row: its first row must name the columns (for example First name, Last name, Email, Phone).";
    public const string NoRows = "The file has a header row but no rows of data.";
    public static readonly string TooLarge = $"The file is larger than {MaxBytes / 1024 / 1024} MB. Split it into smaller files and import them one after the other.";
    public static readonly string TooManyRows = $"The file has more than {MaxRows:N0} rows. Split it into smaller files and import them one after the other.";

    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    private static readonly char[] Separators = [',', ';', '\t', '|'];

    /// <summary>One row of data: the line of the file it starts on (the header is line 1) and its cells as written.</summary>
    public sealed record Row(int Line, string[] Cells)
    {
        public string Cell(int column) => column < Cells.Length ? Cells[column] : string.Empty;
    }

    /// <summary>What reading the file found.</summary>
    public sealed record Sheet(char Separator, string EncodingName, IReadOnlyList<string> Headers, IReadOnlyList<Row> Rows);

    /// <summary>The file read, or why it is refused (a message for the file field).</summary>
    public sealed record Result(Sheet? Sheet, string? Refusal);

    public static string HashOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static Result Read(byte[] content)
    {
        if (content.Length > MaxBytes)
        {
            return Refuse(TooLarge);
        }

        var (utf8, encoding, refusal) = ToUtf8(content);
        if (refusal is not null)
        {
            return Refuse(refusal);
        }

        var text = utf8.AsSpan().TrimEnd((byte)0x1A); // a DOS end-of-file mark some old exports still write
        if (text.IndexOfAny(ControlBytes) >= 0)
        {
            return Refuse(NotText);
        }

        if (text.Trim("\r\n\t ,;|"u8).IsEmpty)
        {
            return Refuse(Empty);
        }

        var offset = 0;
        var separator = SeparatorHint(text, ref offset) ?? Sniff(text);
        return Parse(utf8.AsMemory(offset, text.Length - offset), separator, encoding);
    }

    private static Result Refuse(string message) => new(null, message);

    /// <summary>
    /// Where the first byte that is not UTF-8 is, in bytes that hold at least one valid multi-byte UTF-8 sequence (so
    /// they were written as UTF-8); null when they hold none (Windows-1252, whose é is one byte that UTF-8 never accepts
    /// alone).
    /// </summary>
    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var (invalidAt, multiByte) = (-1, false);
        for (var i = 0; i < bytes.Length;)
        {
            if (bytes[i] < 0x80)
            {
                i++;
                continue;
            }

            if (Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                multiByte = true;
            }
            else if (invalidAt < 0)
            {
                invalidAt = i;
            }

            if (multiByte && invalidAt >= 0)
            {
                return invalidAt;
            }

            i += Math.Max(consumed, 1);
        }

        return null;
    }

    /// <summary>The bytes as UTF-8 and the name of the encoding they were in.</summary>
    private static (byte[] Utf8, string Encoding, string? Refusal) ToUtf8(byte[] content)
    {
        ReadOnlySpan<byte> bytes = content;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Utf8.IsValid(bytes[3..])
                ? (bytes[3..].ToArray(), Utf8Name, null)
                : ([], Utf8Name, "The file says it is UTF-8 but is not valid UTF-8. Save it again as CSV (UTF-8) and upload that.");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            try
            {
                var utf16 = new UnicodeEncoding(bigEndian: bytes[0] == 0xFE, byteOrderMark: false, throwOnInvalidBytes: true);
                return (Encoding.UTF8.GetBytes(utf16.GetString(bytes[2..])), Utf16Name, null);
            }
            catch (DecoderFallbackException)
            {
                return ([], Utf16Name, NotText);
            }
        }

        if (bytes.Contains((byte)0))
        {
            return ([], Utf8Name, NotText);
        }

        if (Utf8.IsValid(bytes))
        {
            return (content, Utf8Name, null);
        }

        // Not valid UTF-8 but written as UTF-8 (some characters are UTF-8's multi-byte sequences): a stray byte, never a
        // reason to read the whole file in another encoding (decision 043, amended by 050).
        if (FirstInvalidUtf8(bytes) is { } invalidAt)
        {
            var line = 1 + bytes[..invalidAt].Count((byte)'\n');
            return ([], Utf8Name, $"Line {line} of the file is not valid UTF-8, though the rest of the file is: fix or retype the characters on that line (or save the file again as CSV (UTF-8)) and upload it again.");
        }

        // Not UTF-8: the single-byte Windows code page Excel writes "CSV" in (é, ë, ñ as one byte each).
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        return (Encoding.UTF8.GetBytes(windows1252.GetString(bytes)), Windows1252Name, null);
    }

    /// <summary>Excel's <c>sep=;</c> first line: the separator it names, the line skipped.</summary>
    private static char? SeparatorHint(ReadOnlySpan<byte> text, ref int offset)
    {
        if (text.Length >= 5 && text[..4].SequenceEqual("sep="u8) && Array.IndexOf(Separators, (char)text[4]) >= 0
            && (text.Length == 5 || text[5] is (byte)'\r' or (byte)'\n'))
        {
            offset = text.Length > 5 && text[5] == '\r' && text.Length > 6 && text[6] == '\n' ? 7 : Math.Min(6, text.Length);
            return (char)text[4];
        }

        return null;
    }

    /// <summary>The candidate that appears most often outside quotes in the header row (a comma when none does).</summary>
    private static char Sniff(ReadOnlySpan<byte> text)
    {
        Span<int> counts = stackalloc int[Separators.Length];
        var quoted = false;
        foreach (var b in text.TrimStart("\r\n"u8))
        {
            if (b == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && b is (byte)'\n' or (byte)'\r')
            {
                break;
            }
            else if (!quoted && Array.IndexOf(Separators, (char)b) is var i and >= 0)
            {
                counts[i]++;
            }
        }

        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return Separators[best];
    }

    private static Result Parse(ReadOnlyMemory<byte> utf8, char separator, string encoding)
    {
        var options = new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            TrackLineNumbers = true,
            IncludeValuesInExceptions = false,
            DetectSeparatorHint = false,
        };
        using var reader = CsvReader.Create(utf8, options);
        try
        {
            reader.ReadHeader();
            var headers = reader.Headers.Select(h => Undefused(h).Trim()).ToArray();
            if (headers.Length > MaxColumns)
            {
                return Refuse($"The file has more than {MaxColumns} columns. Keep the columns to import (names, email, phone, date of birth, notes) and upload again.");
            }

            if (headers.All(h => h.Length == 0) || headers.Any(h => h.Length > MaxHeaderLength) || headers.Any(LooksLikeData))
            {
                return Refuse(NoHeader);
            }

            var rows = new List<Row>();
            while (reader.Read())
            {
                if (IsBlank(reader))
                {
                    continue;
                }

                if (rows.Count == MaxRows)
                {
                    return Refuse(TooManyRows);
                }

                var cells = new string[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = Undefused(reader.GetString(i));
                }

                rows.Add(new Row((int)reader.LineNumber, cells));
            }

            return rows.Count == 0 ? Refuse(NoRows) : new Result(new Sheet(separator, encoding, headers, rows), null);
        }
        catch (CsvFormatException malformed)
        {
            var where = malformed.LineNumber > 0 ? $"Line {malformed.LineNumber}" : "A line";
            return Refuse($"{where} has a quote that is never closed, or text after a closing quote. "
                + "Inside a quoted cell a quote is written twice (\"\"). Fix that line and upload the file again.");
        }
    }

    /// <summary>
    /// A cell as it was before <see cref="SafeCsv"/> defused it (decision 056): the single quote SafeCsv puts before a cell
    /// that starts with = + - @, a tab or a carriage return is taken off again, so a file MicroSpa exported imports as it
    /// was ("'+1 212 555 0199" is the phone "+1 212 555 0199"). Only that quote, only before those characters; the cell
    /// stays text and nothing runs it.
    /// </summary>
    public static string Undefused(string cell) =>
        cell.Length >= 2 && cell[0] == '\'' && SafeCsv.FormulaStarts.Contains(cell[1], StringComparison.Ordinal) ? cell[1..] : cell;

    private static bool IsBlank(CsvReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (!reader.GetSpan(i).Trim(" \t"u8).IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A header cell that is a value instead of a column's name: an email address, a date, a phone or other number.</summary>
    private static bool LooksLikeData(string header) =>
        header.Contains('@', StringComparison.Ordinal)
        || (header.Length > 0 && header.All(c => char.IsAsciiDigit(c) || c is '/' or '-' or '.' or ' ' or '+' or '(' or ')') && header.Any(char.IsAsciiDigit));
}
