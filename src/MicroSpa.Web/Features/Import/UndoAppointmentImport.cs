using MicroSpa.Data;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Imports;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// Undoing an appointments batch (decision 056), inside <see cref="UndoImport"/>'s transaction and lock: its appointments
/// are removed while none of them was changed since (each change writes a line of its history: checked in, moved,
/// cancelled, completed) and nothing names them (a chart, an invoice: their foreign keys refuse). Otherwise nothing is
/// undone and the Admin is told how many.
/// </summary>
public static class UndoAppointmentImport
{
    public sealed class Refused(Outcome outcome) : Exception
    {
        public Outcome Outcome { get; } = outcome;
    }

    public static async Task<Outcome> UndoAsync(MicroSpaDbContext db, ImportBatch batch, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = await db.ImportedAppointments.Where(r => r.BatchId == batch.Id).Select(r => r.AppointmentId).ToListAsync(cancellationToken);
        // The appointments locked before their history is counted (review 13:40, L4): a check-in or a move committed meanwhile
        // is counted, and one started after waits for the undo and then finds no appointment.
        var locked = ids.ToArray();
        await db.Database.ExecuteSqlAsync($"SELECT id FROM appointments WHERE id = ANY({locked}) ORDER BY id FOR UPDATE", cancellationToken);
        var changed = await db.AppointmentEvents.Where(e => ids.Contains(e.AppointmentId)).GroupBy(e => e.AppointmentId)
            .CountAsync(g => g.Count() > 1, cancellationToken);
        if (changed > 0)
        {
            return Outcome.Conflict($"{changed} of the appointments this import created were changed since (checked in, moved, cancelled or completed): nothing was undone.");
        }

        batch.Undo(now);
        db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.Name, null, UndoImport.Action, batch.Id, now,
            $"{ids.Count} imported appointments removed", actor.Address));
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await db.Appointments.Where(a => ids.Contains(a.Id)).ExecuteDeleteAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new Refused(Outcome.Conflict("Records were made for the appointments this import created since (a chart, an invoice): nothing was undone."));
        }

        return Outcome.Success;
    }
}
