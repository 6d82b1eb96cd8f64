using System.Data;
using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Csv;
using MicroSpa.Web.Infrastructure.Streaming;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.ClinicExport;

/// <summary>
/// Writes the whole clinic as one ZIP (decision 046): README.md, then for each kind of record of <see cref="ClinicTables"/>
/// a CSV (through <see cref="SafeCsv"/>) and a JSON file, then every photo as a file by its id. Everything is read in one
/// read-only snapshot (REPEATABLE READ), so the files agree with each other; rows are streamed from PostgreSQL one at a
/// time and written on as they come (the table is read once for its CSV and once for its JSON), and photos one at a
/// time, so memory holds a row or a photo, never the clinic.
/// </summary>
public static class ClinicArchive
{
    private const int Chunk = 81_920;

    /// <summary>How far the writing is: rows (and photos) written of those the snapshot holds; each table counts twice (CSV and JSON).</summary>
    public sealed record Progress(long Done, long Total, string File);

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads through <see cref="ReportingDatabase"/>: the hot standby when one is configured (issue 21, decision 054), so a chain's export does not load its primary.</summary>
    public sealed class Handler(ReportingDatabase reporting, TimeProvider clock, IOptions<ClinicOptions> clinic)
    {
        /// <summary>Writes the archive into <paramref name="output"/>; <paramref name="report"/> hears of the progress after each file and every few thousand rows.</summary>
        public async Task WriteAsync(Stream output, Func<Progress, CancellationToken, Task> report, CancellationToken cancellationToken)
        {
            var db = await reporting.OpenAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            var opened = connection.State != ConnectionState.Open;
            if (opened)
            {
                await connection.OpenAsync(cancellationToken);
            }

            try
            {
                await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
                await using (var readOnly = Command(connection, snapshot, "SET TRANSACTION READ ONLY"))
                {
                    await readOnly.ExecuteNonQueryAsync(cancellationToken);
                }

                var counts = new Dictionary<string, long>();
                foreach (var table in ClinicTables.All)
                {
                    counts[table.File] = await CountAsync(connection, snapshot, table.CountSql, cancellationToken);
                }

                var photos = await CountAsync(connection, snapshot, "SELECT count(*) FROM photos p JOIN photo_contents c ON c.photo_id = p.id", cancellationToken);
                var total = counts.Values.Sum() * 2 + photos;
                long done = 0;
                var producedAt = clock.GetUtcNow();

                await using var pending = new WriteBehindStream(output);
                using (var zip = new ZipArchive(pending, ZipArchiveMode.Create, leaveOpen: true))
                {
                    Stream Entry(string name, CompressionLevel level = CompressionLevel.Optimal)
                    {
                        var entry = zip.CreateEntry(name, level);
                        entry.LastWriteTime = producedAt;
                        return entry.Open();
                    }

                    await using (var readme = Entry("README.md"))
                    {
                        var text = ClinicReadme.Text(producedAt, reporting.FiguresAsOf, clinic.Value.TimeZone, clinic.Value.Currency, counts, photos);
                        await readme.WriteAsync(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n")), cancellationToken);
                    }

                    await pending.DrainAsync(cancellationToken);
                    foreach (var table in ClinicTables.All)
                    {
                        await using (var csv = Entry(table.File + ".csv"))
                        {
                            await WriteCsvAsync(connection, snapshot, table, csv, () => RowWritten(table.File + ".csv"), cancellationToken);
                        }

                        await pending.DrainAsync(cancellationToken);
                        await report(new Progress(done, total, table.File + ".csv"), cancellationToken);
                        await using (var json = Entry(table.File + ".json"))
                        {
                            await WriteJsonAsync(connection, snapshot, table, json, () => RowWritten(table.File + ".json"), cancellationToken);
                        }

                        await pending.DrainAsync(cancellationToken);
                        await report(new Progress(done, total, table.File + ".json"), cancellationToken);
                    }

                    // One photo at a time, read from the network as it is written. Deflated at the fastest level although
                    // JPEG and PNG are compressed already: on a stream that cannot seek, a stored entry needs a data
                    // descriptor, which streaming unzippers refuse for anything but deflate (as in decision 040).
                    await using var command = Command(connection, snapshot, "SELECT p.id, p.content_type, c.bytes FROM photos p JOIN photo_contents c ON c.photo_id = p.id ORDER BY p.id");
                    await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
                    var buffer = new byte[Chunk];
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var name = PhotoFile(reader.GetGuid(0), reader.GetString(1));
                        await using (var entry = Entry(name, CompressionLevel.Fastest))
                        await using (var bytes = reader.GetStream(2))
                        {
                            int read;
                            while ((read = await bytes.ReadAsync(buffer, cancellationToken)) > 0)
                            {
                                await entry.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                                await pending.DrainAsync(cancellationToken);
                            }
                        }

                        await pending.DrainAsync(cancellationToken);
                        if (++done % 50 == 0)
                        {
                            await report(new Progress(done, total, name), cancellationToken);
                        }
                    }
                }

                // The central directory, written when the archive closed.
                await pending.DrainAsync(cancellationToken);
                await report(new Progress(total, total, "README.md"), cancellationToken);
                await snapshot.CommitAsync(cancellationToken);

                // Every few thousand rows: send on what is written and say how far it is (the worker's heartbeat, even
                // inside a table of a million rows).
                async Task RowWritten(string file)
                {
                    if (++done % 2_000 == 0)
                    {
                        await pending.DrainAsync(cancellationToken);
                        await report(new Progress(done, total, file), cancellationToken);
                    }
                }
            }
            finally
            {
                if (opened)
                {
                    await connection.CloseAsync();
                }
            }
        }
    }

    /// <summary>A photo's file in the archive: photos/{id} with the extension of its type.</summary>
    public static string PhotoFile(Guid id, string contentType) => $"photos/{id}{contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/webp" => ".webp",
        "image/heic" => ".heic",
        _ => ".bin",
    }}";

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return command;
    }

    private static async Task<long> CountAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task WriteCsvAsync(DbConnection connection, DbTransaction transaction, ClinicTables.Table table, Stream entry, Func<Task> rowWritten, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, table.SelectSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        using var writer = SafeCsv.Create(entry);
        writer.WriteRow([.. table.Columns.Select(c => (object?)c.Name)]);
        var cells = new object?[table.Columns.Count];
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = Cell(Value(reader, i));
            }

            writer.WriteRow(cells);
            await rowWritten();
        }

        writer.Flush();
    }

    private static async Task WriteJsonAsync(DbConnection connection, DbTransaction transaction, ClinicTables.Table table, Stream entry, Func<Task> rowWritten, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, table.SelectSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await using var writer = new Utf8JsonWriter(entry, JsonOptions);
        writer.WriteStartArray();
        while (await reader.ReadAsync(cancellationToken))
        {
            writer.WriteStartObject();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                writer.WritePropertyName(table.Columns[i].Name);
                WriteJson(writer, Value(reader, i));
            }

            writer.WriteEndObject();
            if (writer.BytesPending > Chunk)
            {
                writer.Flush();
            }

            await rowWritten();
        }

        writer.WriteEndArray();
        writer.Flush();
    }

    /// <summary>A JSON value stored as text (jsonb), written into the JSON files as JSON and into the CSV files as its text.</summary>
    private sealed record JsonText(string Text);

    /// <summary>One value as both files write it: text for ids and times (the same text in CSV and JSON), numbers and booleans as they are.</summary>
    private static object? Value(DbDataReader reader, int i)
    {
        if (reader.IsDBNull(i))
        {
            return null;
        }

        return reader.GetDataTypeName(i) switch
        {
            "jsonb" or "json" => new JsonText(reader.GetString(i)),
            "date" => reader.GetFieldValue<DateOnly>(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "time without time zone" => reader.GetFieldValue<TimeOnly>(i).ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            "timestamp with time zone" => Instant(reader.GetFieldValue<DateTime>(i)),
            _ => reader.GetValue(i) switch
            {
                Guid id => id.ToString(),
                Array array => array.Cast<object?>().Select(v => v switch { Guid g => g.ToString(), _ => Convert.ToString(v, CultureInfo.InvariantCulture) }).ToArray(),
                short s => (int)s,
                string text => text,
                var other => other,
            },
        };
    }

    private static string Instant(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static object? Cell(object? value) => value switch
    {
        string[] items => string.Join(' ', items),
        JsonText json => json.Text,
        _ => value,
    };

    private static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int n:
                writer.WriteNumberValue(n);
                break;
            case long n:
                writer.WriteNumberValue(n);
                break;
            case decimal n:
                writer.WriteNumberValue(n);
                break;
            case double n:
                writer.WriteNumberValue(n);
                break;
            case JsonText json:
                writer.WriteRawValue(json.Text, skipInputValidation: false);
                break;
            case string[] items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
