using MicroSpa.Data;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Imports;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// The Admin confirms an import (decision 044): the dry run is judged again inside one transaction (under the clinic's
/// import lock, <see cref="ImportLock"/>: confirms and undos queue), and what it says is done, all or nothing. Create makes the client; Update, and a
/// possible duplicate the Admin chose to merge, changes the client on file (what it replaced is kept for the undo);
/// Unchanged and Skip do nothing. Every possible duplicate needs the Admin's choice (merge into the client offered for
/// that line, create as new, or skip: decision 050); a missing choice, or a merge into a client the dry run no longer
/// offers for that line, refuses the confirm with the line named, nothing written. Each row made or
/// changed is kept with its identity (<see cref="ClientRows.Row.RowKey"/>), so the same file again creates nothing.
/// Audited and logged with ids and counts only.
/// </summary>
public static class ConfirmImport
{
    public const string Action = "import.confirm";

    public const string Merge = "merge:", CreateNew = "create", Skip = "skip";

    public sealed class Command
    {
        /// <summary>
        /// The Admin's choice for each possible duplicate, by line: <c>merge:</c> and the id of the client the dry run offered
        /// for that line, <c>create</c> (a new client) or <c>skip</c>.
        /// </summary>
        public Dictionary<int, string> Duplicates { get; set; } = [];

        /// <summary><c>create</c> or <c>skip</c> for the possible duplicates not chosen one by one (on the dry run's other pages).</summary>
        public string? OtherDuplicates { get; set; }
    }

    public sealed class Handler(
        MicroSpaDbContext db, ImportDryRun.Handler dryRuns, Actor actor, TimeProvider clock, ClinicTimeZone zone, ILogger<Handler> logger)
    {
        /// <returns>The batch; null when there is no such upload of this Admin's (or it expired).</returns>
        public async Task<Outcome<Guid>?> HandleAsync(Guid uploadId, Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            if (await Uploads.FindAsync(db, uploadId, actor.UserId, now, cancellationToken) is not { } upload)
            {
                return await Uploads.ConfirmedAlreadyAsync(db, uploadId, actor.UserId, cancellationToken) is { } done ? Outcome<Guid>.Done(done) : null;
            }

            if (upload.Fields is null)
            {
                return Outcome.Fail("Map the columns first.");
            }

            var batch = new ImportBatch(upload.SourceName, upload.FileName, upload.ContentHash, actor.UserId, actor.Name, now, uploadId: upload.Id);
            Guid? earlier = null;
            var refused = await db.InTransactionAsync(
                async token =>
                {
                    await ImportLock.TakeAsync(db, token);
                    earlier = await Uploads.ConfirmedAlreadyAsync(db, upload.Id, actor.UserId, token);
                    return earlier is null ? await WriteAsync(batch, upload, command, now, token) : null;
                },
                token => db.ImportBatches.AsNoTracking().AnyAsync(b => b.Id == batch.Id, token),
                cancellationToken);
            if (refused is not null)
            {
                return Outcome.Fail(refused);
            }

            if (earlier is { } confirmed)
            {
                // The same Confirm clicked twice: the second lands where the first did.
                return Outcome<Guid>.Done(confirmed);
            }

            logger.LogInformation("Import batch {BatchId} from upload {UploadId}: {Created} created, {Updated} updated, {Unchanged} unchanged, {Skipped} skipped",
                batch.Id, upload.Id, batch.Created, batch.Updated, batch.Unchanged, batch.Skipped);
            return Outcome<Guid>.Done(batch.Id);
        }

        /// <returns>Why nothing was written (a possible duplicate without a valid choice), else null.</returns>
        private async Task<string?> WriteAsync(ImportBatch batch, ImportUpload upload, Command command, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var today = zone.Today(now);
            var dryRun = await dryRuns.JudgeAsync(upload, now, cancellationToken);
            var (merging, creating, skipping, problems) = Choose(dryRun, command);
            if (problems.Count > 0)
            {
                return problems.Count == 1 ? problems[0] : $"{problems[0]} (and {problems.Count - 1} more lines)";
            }

            var changing = dryRun.Findings.Where(f => f.ClientId is not null && f.Action == RowAction.Update).Concat(merging)
                .OrderBy(f => f.Line).ToList();
            var ids = changing.Select(f => f.ClientId!.Value).Distinct().ToList();
            var onFile = await db.Clients.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
            var importedBefore = await db.ImportedRows.Where(r => r.SourceKey == batch.SourceKey).ToDictionaryAsync(r => r.RowKey, StringComparer.Ordinal, cancellationToken);
            db.ImportBatches.Add(batch);

            var (created, updated) = (0, 0);
            foreach (var finding in dryRun.Findings.Where(f => f.Action == RowAction.Create).Concat(creating).OrderBy(f => f.Line))
            {
                var row = finding.Row;
                var client = new Client(row.FirstName, row.LastName, row.Email, row.Phone, now);
                if (row.DateOfBirth is { } born)
                {
                    client.RecordDateOfBirth(born, today);
                }

                client.UpdateFrontDeskDetails(row.Notes, null);
                db.Clients.Add(client);
                db.ImportedRows.Add(new ImportedRow(batch.Id, batch.SourceKey, row.RowKey, row.Line, row.ContentHash, client.Id, created: true, null, null));
                created++;
            }

            foreach (var finding in changing)
            {
                var (row, client) = (finding.Row, onFile[finding.ClientId!.Value]);
                var replaced = new ReplacedDetails(client.Email, client.Phone, client.DateOfBirth, client.Notes);
                client.ChangeContact(client.Email ?? row.Email, row.Phone ?? client.Phone);
                if (row.DateOfBirth is { } born)
                {
                    client.RecordDateOfBirth(born, today);
                }

                if (row.Notes is not null)
                {
                    client.UpdateFrontDeskDetails(row.Notes, client.PreferredProviderId);
                }

                // A row imported before and changed since: the change is this batch's, its first import stays the record's
                // (with what the row says now, so the same row again is Unchanged).
                if (importedBefore.TryGetValue(row.RowKey, out var before))
                {
                    before.Reimported(row.ContentHash);
                }
                else
                {
                    var imported = new ReplacedDetails(client.Email, client.Phone, client.DateOfBirth, client.Notes);
                    importedBefore[row.RowKey] = db.ImportedRows.Add(new ImportedRow(
                        batch.Id, batch.SourceKey, row.RowKey, row.Line, row.ContentHash, client.Id, created: false, replaced, imported)).Entity;
                }

                updated++;
            }

            // An unchanged row imported before (before hashes were kept, or changed in the file to what the client already says).
            foreach (var finding in dryRun.Findings.Where(f => f.Action == RowAction.Unchanged))
            {
                if (importedBefore.TryGetValue(finding.Row.RowKey, out var before) && before.ContentHash != finding.Row.ContentHash)
                {
                    before.Reimported(finding.Row.ContentHash);
                }
            }

            var unchanged = dryRun.Count(RowAction.Unchanged);
            batch.Count(created, updated, unchanged, dryRun.Findings.Count - created - updated - unchanged);
            batch.CountDuplicates(merging.Count, creating.Count, skipping);
            db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.Name, null, Action, batch.Id, now,
                $"upload {upload.Id}: {created} created, {updated} updated, {unchanged} unchanged, {batch.Skipped} not imported", actor.Address));
            // The file has done its work: it is not kept for its day (decision 050).
            db.ImportUploads.Remove(upload);
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        /// <summary>The Admin's choice for each possible duplicate, judged against what the dry run offers now.</summary>
        private static (List<ImportDryRun.Finding> Merge, List<ImportDryRun.Finding> Create, int Skip, List<string> Problems) Choose(
            ImportDryRun.Result dryRun, Command command)
        {
            var (merge, create, skip, problems) = (new List<ImportDryRun.Finding>(), new List<ImportDryRun.Finding>(), 0, new List<string>());
            var byLine = dryRun.Findings.ToDictionary(f => f.Line);
            foreach (var line in command.Duplicates.Keys.Order())
            {
                if (!byLine.TryGetValue(line, out var finding) || finding.Action != RowAction.PossibleDuplicate)
                {
                    problems.Add($"Line {line} is no longer a possible duplicate (the clients on file changed since the dry run): look at the dry run again.");
                }
            }

            var others = command.OtherDuplicates is CreateNew or Skip ? command.OtherDuplicates : null;
            foreach (var finding in dryRun.Findings.Where(f => f.Action == RowAction.PossibleDuplicate))
            {
                var choice = command.Duplicates.TryGetValue(finding.Line, out var chosen) ? chosen : others;
                if (choice == CreateNew)
                {
                    create.Add(finding);
                }
                else if (choice == Skip)
                {
                    skip++;
                }
                else if (choice is not null && choice.StartsWith(Merge, StringComparison.Ordinal))
                {
                    if (Guid.TryParse(choice[Merge.Length..], out var id) && id == finding.ClientId)
                    {
                        merge.Add(finding);
                    }
                    else
                    {
                        problems.Add($"Line {finding.Line}: the client offered for merge is not the one the dry run finds now (the clients on file changed): look at the dry run again and choose.");
                    }
                }
                else
                {
                    problems.Add($"Line {finding.Line} may be a duplicate: choose whether to merge it, create it as a new client or skip it.");
                }
            }

            return (merge, create, skip, problems);
        }
    }
}
