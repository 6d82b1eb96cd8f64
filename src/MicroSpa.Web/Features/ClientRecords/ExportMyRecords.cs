using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;

namespace MicroSpa.Web.Features.ClientRecords;

/// <summary>
/// The signed-in client downloads their own records (HIPAA right of access). The client is the one linked to the
/// account, never an id from the request, so another client's records cannot be asked for. Audited before anything
/// is written; the log carries ids only.
/// </summary>
public static partial class ExportMyRecords
{
    public sealed partial class Handler(
        CurrentClient currentClient, ClientRecordSet.Handler records, RecordsArchive.Handler archive, ClinicalAudit audit, Actor actor,
        Data.MicroSpaDbContext db, ILogger<Handler> logger)
    {
        public async Task<RecordsDownload?> HandleAsync(CancellationToken cancellationToken)
        {
            if (await currentClient.IdAsync(cancellationToken) is not { } clientId || await records.ForClientAsync(clientId, cancellationToken) is not { } set)
            {
                return null;
            }

            audit.Add(clientId, RecordsDownload.AuditAction, clientId, RecordsDownload.ByClient);
            await db.SaveChangesAsync(cancellationToken);
            Exported(logger, clientId, actor.UserId);
            return new RecordsDownload($"my-records-{set.ProducedAtUtc:yyyy-MM-dd}.zip", (output, ct) => archive.WriteAsync(set, output, ct));
        }

        [LoggerMessage(LogLevel.Information, "Client {ClientId} downloaded their records (account {UserId})")]
        private static partial void Exported(ILogger logger, Guid clientId, Guid? userId);
    }
}
