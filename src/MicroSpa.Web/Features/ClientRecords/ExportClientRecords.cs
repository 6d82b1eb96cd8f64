using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;

namespace MicroSpa.Web.Features.ClientRecords;

/// <summary>
/// The front desk (or the Admin) produces a client's records for a client who asks in person: the same archive the
/// client downloads, audited as produced at the desk (who, when, for whom). The log carries ids only.
/// </summary>
public static partial class ExportClientRecords
{
    public sealed partial class Handler(
        ClientRecordSet.Handler records, RecordsArchive.Handler archive, ClinicalAudit audit, Actor actor, Data.MicroSpaDbContext db, ILogger<Handler> logger)
    {
        public async Task<RecordsDownload?> HandleAsync(Guid clientId, CancellationToken cancellationToken)
        {
            if (await records.ForClientAsync(clientId, cancellationToken) is not { } set)
            {
                return null;
            }

            audit.Add(clientId, RecordsDownload.AuditAction, clientId, RecordsDownload.InPerson);
            await db.SaveChangesAsync(cancellationToken);
            Exported(logger, clientId, actor.UserId);
            return new RecordsDownload($"client-records-{clientId.ToString("N")[..8]}-{set.ProducedAtUtc:yyyy-MM-dd}.zip", (output, ct) => archive.WriteAsync(set, output, ct));
        }

        [LoggerMessage(LogLevel.Information, "The records of client {ClientId} were produced at the desk by user {UserId}")]
        private static partial void Exported(ILogger logger, Guid clientId, Guid? userId);
    }
}
