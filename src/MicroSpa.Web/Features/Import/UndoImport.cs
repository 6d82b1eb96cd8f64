using MicroSpa.Data;
using MicroSpa.Domain.Audit;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// The Admin undoes a confirmed import (decision 044) while nothing depends on it: none of the clients it created has
/// an appointment, a chart, a screening or consent, a photo, a plan, an invoice or payment, a waitlist entry or a portal
/// account since. Then, in one transaction, those clients are removed and the clients it changed get back what it
/// replaced. Otherwise nothing is undone and the Admin is told why. Audited with ids and counts only.
/// </summary>
public static class UndoImport
{
    public const string Action = "import.undo";

    /// <summary>Every table whose rows name a client and make an imported client more than the import made it.</summary>
    public static readonly IReadOnlyList<string> DependentTables =
    [
        "appointments", "booking_drafts", "screenings", "consent_signatures", "waitlist_entries", "treatment_records", "aftercare_plans",
        "treatment_plans", "progress_scores", "photos", "medical_clearances", "invoices", "online_checkouts", "online_payments",
        "payment_disputes", "policy_acceptances", "payment_customers",
    ];

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
        }

        private async Task<Outcome?> UndoAsync(Guid batchId, CancellationToken cancellationToken)
        {
            var batch = await db.ImportBatches.FromSql($"SELECT * FROM import_batches WHERE id = {batchId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
            if (batch is null)
            {
                return null;
            }

            if (batch.IsUndone)
            {
                return Outcome.Conflict("This import was already undone.");
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

            var changed = rows.Where(r => !r.Created).ToDictionary(r => r.ClientId);
            foreach (var client in await db.Clients.Where(c => changed.Keys.Contains(c.Id)).ToListAsync(cancellationToken))
            {
                var before = changed[client.Id];
                client.RestoreImportedDetails(before.PreviousEmail, before.PreviousPhone, before.PreviousDateOfBirth, before.PreviousNotes);
            }

            var now = clock.GetUtcNow();
            batch.Undo(now);
            db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.Name, null, Action, batch.Id, now,
                $"{created.Length} created clients removed, {changed.Count} changed clients restored", actor.Address));
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
