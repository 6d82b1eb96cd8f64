using System.Globalization;
using System.Text;

namespace MicroSpa.Web.Features.ClinicExport;

/// <summary>README.md of the whole-clinic export: how the files are written, every file and every column (from <see cref="ClinicTables"/>), what was left out and why.</summary>
public static class ClinicReadme
{
    public static string Text(DateTimeOffset producedAt, DateTimeOffset? replayedUpTo, string timeZone, string currency, IReadOnlyDictionary<string, long> counts, long photos)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');

        Line("# The whole clinic, exported from MicroSpa");
        Line();
        Line(FormattableString.Invariant($"Produced {producedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC. The clinic's time zone is {timeZone}; its currency {currency}."));
        if (replayedUpTo is { } upTo)
        {
            // Read from the reporting standby while it was behind the primary (decision 054): the archive is whole and
            // consistent, as of that point.
            Line(upTo == DateTimeOffset.MinValue
                ? "Read from the reporting standby while it was catching up with the clinic: changes of the last moments may be missing."
                : FormattableString.Invariant($"Read from the reporting standby, which had replayed the clinic's changes up to {upTo.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: later changes are not in it."));
        }

        Line("Everything was read in one consistent snapshot of the database: the files agree with each other.");
        Line();
        Line("## How the files are written");
        Line();
        Line("- Each kind of record is in two files with the same rows and the same columns: `NAME.csv` and `NAME.json`.");
        Line("- CSV: UTF-8 without a byte-order mark, a header row, commas, RFC 4180 quoting (quotes, commas and line breaks inside a cell survive), CRLF line ends.");
        Line("  A text cell starting with = + - or @, a tab or a carriage return has an apostrophe (') put in front, so no spreadsheet runs it as a formula; remove it when importing elsewhere.");
        Line("  A list (several ids, indications, roles) is one cell, its items separated by spaces. A JSON value (questions, answers, aftercare lines) is its JSON text.");
        Line("- JSON: an array with one object per row; each object has the CSV's columns as keys. Lists are arrays; JSON values are nested as they are.");
        Line("- Ids are MicroSpa's own (UUIDs or numbers), exactly as in MicroSpa: a column named like `client_id` holds the `id` of a row of the file it names.");
        Line("- Times (columns ending in `_at`, and `at`) are UTC, ISO 8601 with microseconds (`2026-05-04T14:30:00.000000Z`). Dates are `yyyy-MM-dd`; times of day (`start`, `end`) `HH:mm:ss` in the clinic's time zone.");
        Line($"- Amounts are decimal numbers with a dot, in the currency of the row's `currency` column or else the clinic's ({currency}). Money is read from `ledger_entries`: an invoice's total, payments and balance are sums of its entries, never a stored figure.");
        Line("- Empty cell (CSV) or null (JSON): no value.");
        Line();
        Line("## Files");
        Line();
        Line("| File | Rows | What it holds |");
        Line("|---|---|---|");
        foreach (var table in ClinicTables.All)
        {
            Line(FormattableString.Invariant($"| `{table.File}.csv`, `{table.File}.json` | {counts.GetValueOrDefault(table.File)} | {table.Meaning} |"));
        }

        Line(FormattableString.Invariant($"| `photos/` | {photos} | every photo, byte for byte as stored, named by its id (`photos/{{id}}.jpg`); what it shows is in `photos.csv` |"));
        Line("| `README.md` | | this file |");
        Line();
        foreach (var table in ClinicTables.All)
        {
            Line($"### {table.File}.csv, {table.File}.json");
            Line();
            Line(FormattableString.Invariant($"{Capitalized(table.Meaning)} (MicroSpa's table `{table.Name}`; {counts.GetValueOrDefault(table.File)} rows)."));
            Line();
            foreach (var column in table.Columns)
            {
                Line($"- `{column.Name}`: {column.Meaning}");
            }

            if (table.Omitted.Count > 0)
            {
                Line();
                Line("Left out: " + string.Join("; ", table.Omitted.Select(c => $"`{c.Name}` ({c.Why})")) + ".");
            }

            Line();
        }

        Line("## Left out");
        Line();
        Line("These tables of MicroSpa's database are not in the export:");
        Line();
        foreach (var left in ClinicTables.LeftOutTables)
        {
            Line($"- `{left.Name}`: {left.Why}");
        }

        return text.ToString();
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];
}
