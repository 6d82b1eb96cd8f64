using MicroSpa.Data;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Imports;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// The Admin confirms an appointments import (decision 056): the dry run is judged again inside one transaction, under
/// the clinic's import lock (<see cref="ImportLock"/>), and every Create is booked as it said, all or nothing. Each
/// appointment made is kept with its row's identity, so the same file again creates nothing. PostgreSQL's overlap
/// constraints stand behind the dry run: a desk booking that took a time meanwhile refuses the whole confirm, nothing
/// written. Audited and logged with ids and counts only.
/// </summary>
public static class ConfirmAppointmentImport
{
    public const string Taken =
        "An appointment was booked at one of the file's times while the import was confirmed: nothing was imported. Look at the dry run again.";

    public sealed class Handler(MicroSpaDbContext db, AppointmentDryRun.Handler dryRuns, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>The batch; null when there is no such appointments upload of this Admin's (or it expired).</returns>
        public async Task<Outcome<Guid>?> HandleAsync(Guid uploadId, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            if (await Uploads.FindAsync(db, uploadId, actor.UserId, now, cancellationToken, ImportKind.Appointments) is not { } upload)
            {
                return await Uploads.ConfirmedAlreadyAsync(db, uploadId, actor.UserId, cancellationToken) is { } done ? Outcome<Guid>.Done(done) : null;
            }

            if (upload.Fields is null)
            {
                return Outcome.Fail("Map the columns first.");
            }

            var batch = new ImportBatch(upload.SourceName, upload.FileName, upload.ContentHash, actor.UserId, actor.Name, now, ImportKind.Appointments, upload.Id);
            Guid? earlier = null;
            try
            {
                await db.InTransactionAsync(
                    async token =>
                    {
                        await ImportLock.TakeAsync(db, token);
                        earlier = await Uploads.ConfirmedAlreadyAsync(db, upload.Id, actor.UserId, token);
                        if (earlier is null)
                        {
                            await WriteAsync(batch, upload, now, token);
                        }

                        return true;
                    },
                    token => db.ImportBatches.AsNoTracking().AnyAsync(b => b.Id == batch.Id, token),
                    cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation })
            {
                return Outcome.Fail(Taken);
            }

            if (earlier is { } confirmed)
            {
                // The same Confirm clicked twice: the second lands where the first did.
                return Outcome<Guid>.Done(confirmed);
            }

            logger.LogInformation("Import batch {BatchId} of appointments from upload {UploadId}: {Created} created, {Unchanged} imported before, {Skipped} skipped",
                batch.Id, upload.Id, batch.Created, batch.Unchanged, batch.Skipped);
            return Outcome<Guid>.Done(batch.Id);
        }

        private async Task WriteAsync(ImportBatch batch, ImportUpload upload, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var dryRun = await dryRuns.JudgeAsync(upload, now, cancellationToken);
            var creates = dryRun.Findings.Where(f => f is { Action: RowAction.Create, Plan: not null }).ToList();
            var serviceIds = creates.Select(f => f.Plan!.ServiceId).Distinct().ToList();
            var providerIds = creates.Select(f => f.Plan!.ProviderId).Distinct().ToList();
            var roomIds = creates.Select(f => f.Plan!.RoomId).Distinct().ToList();
            var deviceIds = creates.Where(f => f.Plan!.DeviceId is not null).Select(f => f.Plan!.DeviceId!.Value).Distinct().ToList();
            var services = await db.Services.Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
            var providers = await db.Providers.Where(p => providerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
            var rooms = await db.Rooms.Where(r => roomIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
            var devices = await db.Devices.Where(d => deviceIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
            db.ImportBatches.Add(batch);
            var by = new ChangedBy(actor.UserId, actor.Name);
            foreach (var finding in creates)
            {
                var plan = finding.Plan!;
                var appointment = Appointment.Import(plan.ClientId, services[plan.ServiceId], providers[plan.ProviderId], rooms[plan.RoomId],
                    plan.DeviceId is { } device ? devices[device] : null, plan.Start, plan.End, plan.Status, plan.Origin, now, by);
                db.Appointments.Add(appointment);
                db.ImportedAppointments.Add(new ImportedAppointment(batch.Id, batch.SourceKey, finding.Row.RowKey, finding.Line, appointment.Id));
            }

            var unchanged = dryRun.Count(RowAction.Unchanged);
            batch.Count(creates.Count, 0, unchanged, dryRun.Findings.Count - creates.Count - unchanged);
            db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.Name, null, ConfirmImport.Action, batch.Id, now,
                $"appointments, upload {upload.Id}: {creates.Count} created, {unchanged} imported before, {batch.Skipped} not imported", actor.Address));
            db.ImportUploads.Remove(upload);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
