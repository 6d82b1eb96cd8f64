using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MicroSpa.Data;
using MicroSpa.Web.Infrastructure.Csv;
using MicroSpa.Web.Infrastructure.Streaming;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClientRecords;

/// <summary>
/// Writes a client's records as one ZIP (decision 040) straight into the response: README, JSON and CSV files, each
/// signed chart as PDF, and the photos byte for byte. Entries are written one after another and sent on as they are
/// written; photos are read one at a time, so memory holds at most one photo, never all of them.
/// </summary>
public static class RecordsArchive
{
    private const int Chunk = 81_920;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // A file, not a page: accents and quotes are written as they are, not as \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task WriteAsync(ClientRecordSet.Records records, Stream output, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(records);
            await using var pending = new WriteBehindStream(output);
            using (var zip = new ZipArchive(pending, ZipArchiveMode.Create, leaveOpen: true))
            {
                async Task AddAsync(string name, byte[] bytes, CompressionLevel level = CompressionLevel.Optimal)
                {
                    var entry = zip.CreateEntry(name, level);
                    entry.LastWriteTime = records.ProducedAtUtc;
                    await using (var stream = entry.Open())
                    {
                        for (var at = 0; at < bytes.Length; at += Chunk)
                        {
                            await stream.WriteAsync(bytes.AsMemory(at, Math.Min(Chunk, bytes.Length - at)), cancellationToken);
                            await pending.DrainAsync(cancellationToken);
                        }
                    }

                    await pending.DrainAsync(cancellationToken);
                }

                await AddAsync("README.txt", Encoding.UTF8.GetBytes(ArchiveReadme.Text(records).ReplaceLineEndings("\r\n")));
                await AddAsync("client.json", JsonSerializer.SerializeToUtf8Bytes(records.Client, Json));
                await AddAsync("appointments.csv", Csv(ArchiveReadme.AppointmentColumns, records.Appointments.Select(a => new object?[]
                {
                    a.AppointmentId, a.Service, a.Provider, string.Join("; ", a.Areas), a.StartsAtLocal, a.EndsAtLocal, records.TimeZone,
                    a.StartsAtUtc, a.EndsAtUtc, a.Status, a.CancellationReason, a.BookedThrough, a.BookedAtUtc,
                })));
                await AddAsync("appointment_history.csv", Csv(ArchiveReadme.HistoryColumns, records.Appointments.SelectMany(a => a.History.Select(h => new object?[]
                {
                    a.AppointmentId, h.AtLocal, h.AtUtc, h.What, h.By,
                }))));
                await AddAsync("appointments.json", JsonSerializer.SerializeToUtf8Bytes(records.Appointments, Json));
                await AddAsync("charts.json", JsonSerializer.SerializeToUtf8Bytes(records.Charts, Json));
                foreach (var chart in records.Charts)
                {
                    await AddAsync(chart.PdfFile, ChartPdf.Render(records, chart));
                }

                await AddAsync("aftercare.json", JsonSerializer.SerializeToUtf8Bytes(records.AftercarePlans, Json));
                await AddAsync("consents.json", JsonSerializer.SerializeToUtf8Bytes(records.Consents, Json));
                await AddAsync("screenings.json", JsonSerializer.SerializeToUtf8Bytes(records.Screenings, Json));
                await AddAsync("treatment_plans.json", JsonSerializer.SerializeToUtf8Bytes(records.TreatmentPlans, Json));
                await AddAsync("clearances.json", JsonSerializer.SerializeToUtf8Bytes(records.Clearances, Json));
                await AddAsync("progress.csv", Csv(ArchiveReadme.ProgressColumns, records.Progress.Select(p => new object?[]
                {
                    p.ChartId, p.SessionDate, p.Area, p.Scale, p.ProviderScore, p.YourRating, p.UpdatedAtUtc,
                })));
                await AddAsync("progress.json", JsonSerializer.SerializeToUtf8Bytes(records.Progress, Json));
                await AddAsync("photos.csv", Csv(ArchiveReadme.PhotoColumns, records.Photos.Select(p => new object?[]
                {
                    p.File, p.Id, p.ChartId, p.SessionDate, p.Area, p.Kind, p.ContentType, p.Width, p.Height, p.SizeBytes, p.TakenAtLocal, p.TakenAtUtc,
                })));
                foreach (var photo in records.Photos)
                {
                    // One photo in memory at a time, its bytes as stored. Deflated at the fastest level although JPEG and PNG
                    // are compressed already: on a stream that cannot seek, a stored (uncompressed) entry needs a data
                    // descriptor, which streaming unzippers (Java's ZipInputStream) refuse for anything but deflate.
                    var bytes = await db.PhotoContents.AsNoTracking()
                        .Where(c => c.PhotoId == photo.Id && db.Photos.Any(p => p.Id == c.PhotoId && p.ClientId == records.Client.Id))
                        .Select(c => c.Bytes)
                        .SingleOrDefaultAsync(cancellationToken);
                    if (bytes is not null)
                    {
                        await AddAsync(photo.File, bytes, CompressionLevel.Fastest);
                    }
                }
            }

            // The central directory, written when the archive closed.
            await pending.DrainAsync(cancellationToken);
        }

        private static byte[] Csv(IReadOnlyList<ArchiveReadme.Column> columns, IEnumerable<object?[]> rows) =>
            Encoding.UTF8.GetBytes(SafeCsv.ToText([.. columns.Select(c => c.Name)], rows));
    }
}
