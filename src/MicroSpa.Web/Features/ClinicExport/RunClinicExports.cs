using MicroSpa.Data;
using MicroSpa.Domain.Exports;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClinicExport;

/// <summary>
/// The background job of the whole-clinic export (decision 046), run by every instance's worker: the oldest queued export is
/// claimed with FOR UPDATE SKIP LOCKED and marked running in one transaction, so exactly one instance writes it; the
/// archive is written into <see cref="ExportParts"/> with the progress saved as it goes (the page polls it); done, it is
/// ready for <see cref="Domain.Exports.ClinicExport.KeptFor"/>. Each round also deletes the parts of exports past their expiry and fails
/// the running ones whose worker went silent (its instance stopped). The log carries ids and counts only.
/// </summary>
public static partial class RunClinicExports
{
    /// <summary>How often the progress is saved at most.</summary>
    private static readonly TimeSpan SaveProgressEvery = TimeSpan.FromSeconds(1);

    public sealed partial class Handler(MicroSpaDbContext db, ClinicArchive.Handler archive, IServiceScopeFactory scopes, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <summary>Tidies, then writes the next queued export if there is one; answers the export written (or failed), or null.</summary>
        public async Task<Guid?> RunNextAsync(CancellationToken cancellationToken)
        {
            await TidyAsync(cancellationToken);
            var claimed = await db.InTransactionAsync(async token =>
            {
                var export = await db.ClinicExports
                    .FromSqlInterpolated($"SELECT * FROM clinic_exports WHERE status = 'Queued' ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                    .SingleOrDefaultAsync(token);
                if (export is null)
                {
                    return (Guid?)null;
                }

                export.Start(clock.GetUtcNow());
                await db.SaveChangesAsync(token);
                return export.Id;
            }, committed: null, cancellationToken);
            if (claimed is not { } id)
            {
                return null;
            }

            db.ChangeTracker.Clear();
            await WriteAsync(id, cancellationToken);
            return id;
        }

        private async Task WriteAsync(Guid id, CancellationToken cancellationToken)
        {
            // The archive reads through this scope's connection in one snapshot; the parts and the progress are written
            // through another, committed as they go.
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<MicroSpaDbContext>();
            var export = await store.ClinicExports.SingleAsync(e => e.Id == id, cancellationToken);
            Writing(logger, id);
            await using var parts = new ExportParts(store, id);
            var saved = DateTimeOffset.MinValue;
            try
            {
                await archive.WriteAsync(parts, async (progress, token) =>
                {
                    var now = clock.GetUtcNow();
                    if (now - saved >= SaveProgressEvery || progress.Done == progress.Total)
                    {
                        export.Advance(progress.Done, progress.Total, progress.File, now);
                        await SaveWhileRunningAsync(store, export, token);
                        saved = now;
                    }
                }, cancellationToken);
                await parts.CompleteAsync(cancellationToken);
                export.Finish(parts.Written, parts.Count, clock.GetUtcNow());
                await SaveWhileRunningAsync(store, export, cancellationToken);
                Ready(logger, id, parts.Written, parts.Count);
            }
            catch (Exception e)
            {
                // Nothing half-written is kept; the Admin starts another. Saved even when the app is stopping.
                Failed(logger, id, e.GetType().Name);
                store.ChangeTracker.Clear();
                await ExportParts.DeleteAsync(store, id, CancellationToken.None);
                var failed = await store.ClinicExports.SingleAsync(x => x.Id == id, CancellationToken.None);
                if (failed.InProgress)
                {
                    failed.Fail(e is OperationCanceledException ? "interrupted" : e.GetType().Name, clock.GetUtcNow());
                    await store.SaveChangesAsync(CancellationToken.None);
                }

                if (e is OperationCanceledException)
                {
                    throw;
                }
            }
        }

        /// <summary>
        /// Saves the export's progress, or its end, only while it is still running in the database: when another instance
        /// judged it silent and failed it meanwhile (and deleted its parts), this writer stops instead of writing it back.
        /// </summary>
        private static async Task SaveWhileRunningAsync(MicroSpaDbContext store, Domain.Exports.ClinicExport export, CancellationToken cancellationToken)
        {
            var saved = await store.ClinicExports.Where(e => e.Id == export.Id && e.Status == ClinicExportStatus.Running).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, export.Status).SetProperty(e => e.Done, export.Done).SetProperty(e => e.Total, export.Total)
                .SetProperty(e => e.CurrentFile, export.CurrentFile).SetProperty(e => e.HeartbeatAt, export.HeartbeatAt)
                .SetProperty(e => e.FinishedAt, export.FinishedAt).SetProperty(e => e.ExpiresAt, export.ExpiresAt)
                .SetProperty(e => e.SizeBytes, export.SizeBytes).SetProperty(e => e.Parts, export.Parts), cancellationToken);
            if (saved == 0)
            {
                throw new InvalidOperationException($"Clinic export {export.Id} is no longer running: another instance ended it.");
            }
        }

        /// <summary>Deletes the archives of expired exports and fails running exports whose worker went silent.</summary>
        public async Task TidyAsync(CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var silentSince = now - Domain.Exports.ClinicExport.SilentFor;
            var stale = await db.ClinicExports
                .Where(e => (e.Status == ClinicExportStatus.Ready && e.ExpiresAt <= now)
                            || (e.Status == ClinicExportStatus.Running && (e.HeartbeatAt ?? e.StartedAt ?? e.RequestedAt) < silentSince))
                .ToListAsync(cancellationToken);
            foreach (var export in stale)
            {
                await ExportParts.DeleteAsync(db, export.Id, cancellationToken);
                if (export.Status == ClinicExportStatus.Ready)
                {
                    export.Expire();
                    Expired(logger, export.Id);
                }
                else
                {
                    export.Fail("the worker stopped", now);
                    Failed(logger, export.Id, "silent worker");
                }

                await db.SaveChangesAsync(cancellationToken);
            }
        }

        [LoggerMessage(LogLevel.Information, "Clinic export {ExportId} is being written")]
        private static partial void Writing(ILogger logger, Guid exportId);

        [LoggerMessage(LogLevel.Information, "Clinic export {ExportId} ready: {Bytes} bytes in {Parts} parts")]
        private static partial void Ready(ILogger logger, Guid exportId, long bytes, int parts);

        [LoggerMessage(LogLevel.Warning, "Clinic export {ExportId} failed: {Error}")]
        private static partial void Failed(ILogger logger, Guid exportId, string error);

        [LoggerMessage(LogLevel.Information, "Clinic export {ExportId} expired: its archive was deleted")]
        private static partial void Expired(ILogger logger, Guid exportId);
    }
}

/// <summary>Runs <see cref="RunClinicExports"/> every pause (ClinicExport:PollSeconds, 5 s) and at once when this instance queued one; on every instance.</summary>
public sealed class ClinicExportWorker(IServiceScopeFactory scopes, ExportSignal signal, IConfiguration configuration, ILogger<ClinicExportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromSeconds(configuration.GetValue("ClinicExport:PollSeconds", 5));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RunClinicExports.Handler>().RunNextAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Export round failed: {Error}", ex.GetType().Name);
            }

            try
            {
                await signal.WaitAsync(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
