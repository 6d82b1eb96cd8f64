using MicroSpa.Data;
using MicroSpa.Domain.Audit;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.ClinicExport;

/// <summary>
/// The Admin asks for an export of the whole clinic (decision 046): it is queued for the background worker, one at a time
/// (a second start while one is queued or running answers that one), and audited with ids only (<c>export.start</c>).
/// </summary>
public static partial class StartClinicExport
{
    public const string AuditAction = "export.start";

    public sealed partial class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, ExportSignal signal, ILogger<Handler> logger)
    {
        public async Task<Outcome<Guid>> HandleAsync(CancellationToken cancellationToken)
        {
            if (actor.UserId is not { } userId)
            {
                return Outcome.Fail("Sign in again to start an export.");
            }

            if (await InProgressAsync(cancellationToken) is { } running)
            {
                return Outcome<Guid>.Done(running);
            }

            var now = clock.GetUtcNow();
            var export = Domain.Exports.ClinicExport.Request(userId, actor.Name, now);
            db.ClinicExports.Add(export);
            db.AuditEntries.Add(new AuditEntry(userId, actor.Name, null, AuditAction, export.Id, now, null, actor.Address));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another Admin started one at the same moment: that one is the clinic's export.
                db.ChangeTracker.Clear();
                return await InProgressAsync(cancellationToken) is { } other ? Outcome<Guid>.Done(other) : Outcome.Conflict("An export was started and finished meanwhile: start another.");
            }

            Started(logger, export.Id, userId);
            signal.Wake();
            return Outcome<Guid>.Done(export.Id);
        }

        private Task<Guid?> InProgressAsync(CancellationToken cancellationToken) =>
            db.ClinicExports.AsNoTracking()
                .Where(e => e.Status == Domain.Exports.ClinicExportStatus.Queued || e.Status == Domain.Exports.ClinicExportStatus.Running)
                .Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken);

        [LoggerMessage(LogLevel.Information, "Clinic export {ExportId} queued by user {UserId}")]
        private static partial void Started(ILogger logger, Guid exportId, Guid userId);
    }
}
