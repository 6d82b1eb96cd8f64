using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Imports;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// The Admin undoes a confirmed import (decision 044) while nothing depends on it: none of the clients it created has
/// an appointment, a chart, a screening or consent, a photo, a plan, an invoice or payment, a waitlist entry or a portal
/// account since. Then, in one transaction (under the import lock, <see cref="ImportLock"/>), those clients are removed
/// and the clients it changed get back what it replaced, field by field, except what was changed since or what an online
/// account needs (<see cref="ImportUndo"/>: kept, and said on the batch's page). Otherwise nothing is undone and the
/// Admin is told why. Audited with ids and counts only.
/// </summary>
public static class UndoImport
{
    public const string Action = "import.undo";

    /// <summary>
    /// Every table whose rows name a client and make an imported client more than the import made it: those a merge moves
    /// (the one list, <see cref="ClientReferences"/>, so a table added there is counted here too).
    /// </summary>
    public static readonly IReadOnlyList<string> DependentTables =
        [.. ClientReferences.MovedBySql.Append(ClientReferences.MovedByEntity).Append(ClientReferences.OnePerClient).Select(r => r.Table)];

    private sealed class Refused(Outcome outcome) : Exception
    {
        public Outcome Outcome { get; } = outcome;
    }

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such batch.</returns>
        public async Task<Outcome?> HandleAsync(Guid batchId, CancellationToken cancellationToken)
        {
            try
            {
                return await db.InTransactionAsync(
                    token => UndoAsync(batchId, token),
                    token => db.ImportBatches.AsNoTracking().AnyAsync(b => b.Id == batchId && b.UndoneAt != null, token),
                    cancellationToken);
            }
            catch (Refused refused)
            {
                return refused.Outcome;
            }
            catch (UndoAppointmentImport.Refused refused)
            {
                return refused.Outcome;
            }
        }

        private async Task<Outcome?> UndoAsync(Guid batchId, CancellationToken cancellationToken)
        {
            await ImportLock.TakeAsync(db, cancellationToken);
            var batch = await db.ImportBatches.FromSql($"SELECT * FROM import_batches WHERE id = {batchId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
            if (batch is null)
            {
                return null;
            }

            if (batch.IsUndone)
            {
                return Outcome.Conflict("This import was already undone.");
            }

            if (batch.Kind == ImportKind.Appointments)
            {
                var outcome = await UndoAppointmentImport.UndoAsync(db, batch, actor, clock.GetUtcNow(), cancellationToken);
                logger.LogInformation("Import batch {BatchId} of appointments undo: {Outcome}", batch.Id, outcome.Succeeded ? "done" : "refused");
                return outcome;
            }

            var rows = await db.ImportedRows.Where(r => r.BatchId == batchId).ToListAsync(cancellationToken);
            var created = rows.Where(r => r.Created).Select(r => r.ClientId).ToArray();
            var named = rows.Select(r => r.ClientId).ToArray();
            var merged = await db.Clients.CountAsync(
                c => c.MergedIntoId != null && (named.Contains(c.Id) || created.Contains(c.MergedIntoId.Value)), cancellationToken);
            if (merged > 0)
            {
                return Outcome.Conflict(
                    $"{merged} of the client records this import made or changed were merged with another record since: nothing was undone.");
            }

            var union = string.Join(" UNION ALL ", DependentTables.Select(t => $"SELECT client_id FROM {t} WHERE client_id = ANY(@ids)"));
#pragma warning disable EF1002 // the table names are the fixed list above; the ids are a parameter
            var depending = await db.Database.SqlQueryRaw<int>(
                $"SELECT count(DISTINCT client_id)::int AS \"Value\" FROM ({union}) d", new NpgsqlParameter("ids", created)).SingleAsync(cancellationToken);
#pragma warning restore EF1002
            depending += await db.Clients.CountAsync(
                c => created.Contains(c.Id) && (c.UserId != null || c.PendingUserId != null), cancellationToken);
            if (depending > 0)
            {
                return Outcome.Conflict(
                    $"{depending} of the clients this import created have appointments, charts, payments or an online account since: nothing was undone.");
            }

            // One client may have been changed by several rows of the batch (an update and a merged duplicate): it gets back
            // what the first replaced, and what the last left is what the desk may have changed since.
            var changed = rows.Where(r => !r.Created).GroupBy(r => r.ClientId)
                .ToDictionary(g => g.Key, g => (First: g.MinBy(r => r.Line)!, Last: g.MaxBy(r => r.Line)!));
            var changedIds = changed.Keys.ToArray();
            var notes = new List<string>();
            foreach (var client in await db.Clients.FromSql($"SELECT * FROM clients WHERE id = ANY({changedIds}) FOR UPDATE").ToListAsync(cancellationToken))
            {
                var (first, last) = changed[client.Id];
                var plan = ImportUndo.For(first.Line, first.Previous, last.Imported,
                    new ReplacedDetails(client.Email, client.Phone, client.DateOfBirth, client.Notes), client.UserId is not null || client.PendingUserId is not null);
                try
                {
                    client.RestoreImportedDetails(plan.Restored.Email, plan.Restored.Phone, plan.Restored.DateOfBirth, plan.Restored.Notes);
                }
                catch (DomainException impossible)
                {
                    throw new Refused(Outcome.Conflict($"Line {first.Line} cannot be put back ({impossible.Message}): nothing was undone."));
                }

                notes.AddRange(plan.Kept);
            }

            var now = clock.GetUtcNow();
            batch.Undo(now, notes);
            db.ImportedRows.RemoveRange(rows.Where(r => !r.Created));
            db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.Name, null, Action, batch.Id, now,
                $"{created.Length} created clients removed, {changed.Count} changed clients restored, {notes.Count} fields kept", actor.Address));
            await db.SaveChangesAsync(cancellationToken);
            try
            {
                await db.Clients.Where(c => created.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                throw new Refused(Outcome.Conflict("Records were made for the clients this import created since: nothing was undone."));
            }

            logger.LogInformation("Import batch {BatchId} undone: {Removed} clients removed, {Restored} restored", batch.Id, created.Length, changed.Count);
            return Outcome.Success;
        }
    }
}
