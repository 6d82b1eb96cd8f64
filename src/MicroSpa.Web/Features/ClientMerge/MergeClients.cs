using System.ComponentModel.DataAnnotations;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClientMerge;

/// <summary>
/// The desk merges two records of one client (decision 045). In one transaction, with both client rows locked (a second
/// desk merging the same pair waits, then is told it is done): every row that names the removed record moves to the
/// kept one (<see cref="ClientReferences"/>), each appointment writing the move in its history; the removed record
/// becomes a tombstone pointing at the kept one, giving up its contact details and portal account; the kept record
/// takes the value the desk chose for each differing field. The insert-only audit trail is not rewritten: its entries
/// resolve through the tombstone. Audited with ids and counts only.
/// </summary>
public static class MergeClients
{
    public const string Action = "client.merge";

    public const string MergedMeanwhile = "These records were merged meanwhile (by someone else, or in another tab): nothing more was changed. Open the record kept.";

    public sealed class Command
    {
        [Display(Name = "Keep which record")]
        public Guid KeepId { get; set; }

        public Guid? FirstNameFrom { get; set; }

        public Guid? LastNameFrom { get; set; }

        public Guid? EmailFrom { get; set; }

        public Guid? PhoneFrom { get; set; }

        public Guid? DateOfBirthFrom { get; set; }

        public Guid? NotesFrom { get; set; }
    }

    /// <summary>The record kept and how many rows of each table moved to it.</summary>
    public sealed record Merged(Guid KeptId, Guid RemovedId, IReadOnlyDictionary<string, int> Moved)
    {
        public int Total => Moved.Values.Sum();
    }

    public sealed class Handler(MicroSpaDbContext db, ClinicalAudit audit, Actor actor, ClinicTimeZone zone, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when either record does not exist (or both ids are one record).</returns>
        public async Task<Outcome<Merged>?> HandleAsync(Guid id, Guid otherId, Command command, CancellationToken cancellationToken)
        {
            if (id == otherId)
            {
                return null;
            }

            if (command.KeepId != id && command.KeepId != otherId)
            {
                return Outcome.Fail(nameof(Command.KeepId), "Choose the record to keep.");
            }

            var choices = new (string Field, Guid? From)[]
            {
                (nameof(Command.FirstNameFrom), command.FirstNameFrom), (nameof(Command.LastNameFrom), command.LastNameFrom),
                (nameof(Command.EmailFrom), command.EmailFrom), (nameof(Command.PhoneFrom), command.PhoneFrom),
                (nameof(Command.DateOfBirthFrom), command.DateOfBirthFrom), (nameof(Command.NotesFrom), command.NotesFrom),
            };
            if (choices.FirstOrDefault(c => c.From is { } from && from != id && from != otherId) is { Field: { } wrong })
            {
                return Outcome.Fail(wrong, "Choose one of the two records' values.");
            }

            var keptId = command.KeepId;
            var removedId = keptId == id ? otherId : id;
            bool Take(Guid? from) => from == removedId;
            var take = new MergeChoices(Take(command.FirstNameFrom), Take(command.LastNameFrom), Take(command.EmailFrom), Take(command.PhoneFrom),
                Take(command.DateOfBirthFrom), Take(command.NotesFrom));
            try
            {
                return await db.InTransactionAsync<Outcome<Merged>?>(
                    token => MergeAsync(keptId, removedId, take, token),
                    token => db.Clients.AsNoTracking().AnyAsync(c => c.Id == removedId && c.MergedIntoId == keptId, token),
                    cancellationToken);
            }
            catch (MergeRefused refused)
            {
                return refused.Outcome;
            }
        }

        private async Task<Outcome<Merged>?> MergeAsync(Guid keptId, Guid removedId, MergeChoices take, CancellationToken cancellationToken)
        {
            // Both rows locked in id order: two desks merging the pair (either way round) queue here, and the second
            // finds the tombstone. A booking for the removed record waits too (its foreign key check needs the row).
            var locked = await db.Clients.FromSql($"SELECT * FROM clients WHERE id IN ({keptId}, {removedId}) ORDER BY id FOR UPDATE")
                .ToListAsync(cancellationToken);
            if (locked.Count != 2)
            {
                return null;
            }

            var (kept, removed) = (locked.Single(c => c.Id == keptId), locked.Single(c => c.Id == removedId));
            if (kept.IsMerged || removed.IsMerged)
            {
                return Outcome.Conflict(MergedMeanwhile);
            }

            if (await MergeBlockers.FindAsync(db, kept, removed, zone, cancellationToken) is { Count: > 0 } blockers)
            {
                return new Outcome(blockers.Select(b => new FieldError(string.Empty, b)).ToList()) { IsConflict = true };
            }

            var now = clock.GetUtcNow();
            var moved = new Dictionary<string, int>(StringComparer.Ordinal);
            var visits = await db.Appointments.Where(a => a.ClientId == removedId).ToListAsync(cancellationToken);
            foreach (var visit in visits)
            {
                visit.MoveToClientRecord(keptId, actor.ChangedBy, now);
            }

            moved[ClientReferences.MovedByEntity.Table] = visits.Count;
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (table, column) in ClientReferences.MovedBySql.Append(ClientReferences.OnePerClient))
            {
                // Table and column names come from the fixed list (ClientReferences), never from input; the ids are parameters.
#pragma warning disable EF1003
                moved[table] = await db.Database.ExecuteSqlRawAsync(
                    "UPDATE " + table + " SET " + column + " = {0} WHERE " + column + " = {1}", [keptId, removedId], cancellationToken);
#pragma warning restore EF1003
            }

            moved["earlier merges"] = await db.Database.ExecuteSqlAsync(
                $"UPDATE clients SET merged_into_id = {keptId} WHERE merged_into_id = {removedId}", cancellationToken);

            // The tombstone first gives up its email and sign-in (unique per client), then the kept record takes what was chosen.
            var given = removed.MergeInto(keptId, now);
            await db.SaveChangesAsync(cancellationToken);
            try
            {
                kept.TakeOverFrom(given, take, zone.Today(now));
            }
            catch (DomainException ex)
            {
                throw new MergeRefused(Outcome.Fail(FieldFor(ex.Field), ex.Message));
            }

            var fields = new[] { (take.FirstName, "first name"), (take.LastName, "last name"), (take.Email, "email"), (take.Phone, "phone"),
                (take.DateOfBirth, "date of birth"), (take.Notes, "notes") }.Where(f => f.Item1).Select(f => f.Item2).ToList();
            var counts = string.Join(", ", moved.Where(m => m.Value > 0).Select(m => $"{m.Key} {m.Value}"));
            audit.Add(keptId, Action, removedId,
                $"record {removedId} merged into {keptId}; moved: {(counts.Length == 0 ? "nothing" : counts)}; values from the merged record: {(fields.Count == 0 ? "none" : string.Join(", ", fields))}");
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Client record {RemovedId} merged into {KeptId} by the desk: {MovedRows} rows moved", removedId, keptId, moved.Values.Sum());
            return Outcome<Merged>.Done(new Merged(keptId, removedId, moved));
        }

        private static string FieldFor(string? domainField) => domainField switch
        {
            nameof(Client.Email) => nameof(Command.EmailFrom),
            nameof(Client.Phone) => nameof(Command.PhoneFrom),
            nameof(Client.FirstName) => nameof(Command.FirstNameFrom),
            nameof(Client.LastName) => nameof(Command.LastNameFrom),
            nameof(Client.DateOfBirth) => nameof(Command.DateOfBirthFrom),
            nameof(Client.Notes) => nameof(Command.NotesFrom),
            _ => string.Empty,
        };
    }

    /// <summary>A refusal found after the merge began writing: thrown so the transaction rolls back, answered as the outcome.</summary>
    private sealed class MergeRefused(Outcome outcome) : Exception(OutcomeAnswers.Messages(outcome))
    {
        public Outcome Outcome { get; } = outcome;
    }
}
