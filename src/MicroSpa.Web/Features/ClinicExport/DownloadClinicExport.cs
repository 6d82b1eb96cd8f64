using MicroSpa.Data;
using MicroSpa.Domain.Audit;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClinicExport;

/// <summary>
/// The Admin downloads a finished export while its link lasts (decision 046): audited before the first byte with ids only
/// (<c>export.download</c>), then its stored parts are sent one after another (one part in memory at a time). After its
/// expiry the answer says it expired (410) and the archive is, or is about to be, deleted.
/// </summary>
public static partial class DownloadClinicExport
{
    public const string AuditAction = "export.download";

    public const string ContentType = "application/zip";

    public sealed record Download(string FileName, long SizeBytes, Func<Stream, CancellationToken, Task> WriteAsync);

    /// <summary>Either the download, or when the link expired; null when there is no such export or it is not finished.</summary>
    public sealed record Answer(Download? Ready, DateTimeOffset? ExpiredAt);

    public sealed partial class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Answer?> HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            if (await db.ClinicExports.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is not { } export)
            {
                return null;
            }

            if (export.HasExpired(now))
            {
                return new Answer(null, export.ExpiresAt);
            }

            if (!export.IsDownloadable(now))
            {
                return null;
            }

            db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.Name, null, AuditAction, export.Id, now, null, actor.Address));
            await db.SaveChangesAsync(cancellationToken);
            Downloaded(logger, export.Id, actor.UserId);
            var parts = export.Parts;
            return new Answer(new Download($"clinic-export-{export.FinishedAt!.Value.UtcDateTime:yyyy-MM-dd-HHmm}.zip", export.SizeBytes ?? 0, async (output, token) =>
            {
                for (var sequence = 0; sequence < parts; sequence++)
                {
                    var bytes = await db.ClinicExportParts.AsNoTracking()
                        .Where(p => p.ExportId == id && p.Sequence == sequence).Select(p => p.Bytes).SingleAsync(token);
                    await output.WriteAsync(bytes, token);
                }
            }), null);
        }

        [LoggerMessage(LogLevel.Information, "Clinic export {ExportId} downloaded by user {UserId}")]
        private static partial void Downloaded(ILogger logger, Guid exportId, Guid? userId);
    }
}
