using System.Text.RegularExpressions;
using MicroSpa.Data;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// A client record merged into another (a tombstone, decision 045) takes no new work: its pages follow it to the record kept
/// (<see cref="FollowsMergedClientAttribute"/>), the handlers that create work for a client refuse it with <see cref="Refusal"/>,
/// and the database refuses a row naming it (trigger <c>ck_client_not_merged</c>) when a merge commits while the work is saved.
/// The map is one step deep: a tombstone points at a record that is not merged.
/// </summary>
public static partial class MergedClients
{
    /// <summary>The name the database's refusal carries (the trigger raises check_violation with this constraint name).</summary>
    public const string Constraint = "ck_client_not_merged";

    /// <summary>Why the work was refused, naming the record kept (its name is on the desk's pages, never in a log line).</summary>
    public sealed record Refusal(Guid RemovedId, Guid KeptId, string KeptName)
    {
        public string Message =>
            $"This record was merged into {KeptName}'s record (the one kept): nothing was saved here. Open the kept record and carry on there.";

        /// <summary>The refusal as a use case's outcome (a conflict with the record's state: 409 where answered as a status).</summary>
        public Outcome AsOutcome(string field = "") => Outcome.Fail(field, Message) with { IsConflict = true };
    }

    /// <summary>
    /// The kept id named by the database's refusal of a row for a tombstone (its message: "client record … was merged into
    /// &lt;id&gt;: …"; Npgsql redacts the DETAIL), or null when <paramref name="exception"/> is not that refusal.
    /// </summary>
    public static Guid? KeptIdFromRefusal(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { SqlState: PostgresErrorCodes.CheckViolation, ConstraintName: Constraint } refused)
            {
                return KeptInMessage().Match(refused.MessageText) is { Success: true } found ? Guid.Parse(found.Groups["kept"].Value) : Guid.Empty;
            }
        }

        return null;
    }

    [GeneratedRegex("merged into (?<kept>[0-9a-fA-F-]{36})")]
    private static partial Regex KeptInMessage();

    public sealed class Handler(MicroSpaDbContext db)
    {
        /// <summary>The id <paramref name="clientId"/> was merged into; null when it is not merged (or does not exist). One read by primary key.</summary>
        public Task<Guid?> MergedIntoAsync(Guid clientId, CancellationToken cancellationToken) =>
            db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => c.MergedIntoId).SingleOrDefaultAsync(cancellationToken);

        /// <summary>Of <paramref name="clientIds"/>, each one merged into another, with the id it was merged into (one query: <c>id = ANY(@ids)</c>).</summary>
        public Task<Dictionary<Guid, Guid>> MergedIntoAsync(IReadOnlyCollection<Guid> clientIds, CancellationToken cancellationToken)
        {
            // One array parameter, whatever the count (EF.Parameter: not one parameter per id).
            var ids = clientIds.Distinct().ToArray();
            return db.Clients.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.Id) && c.MergedIntoId != null)
                .Select(c => new { c.Id, Kept = c.MergedIntoId!.Value })
                .ToDictionaryAsync(c => c.Id, c => c.Kept, cancellationToken);
        }

        /// <summary>The refusal of work for <paramref name="clientId"/> when it is a tombstone; null when it is not merged.</summary>
        public async Task<Refusal?> RefusalAsync(Guid clientId, CancellationToken cancellationToken) =>
            await MergedIntoAsync(clientId, cancellationToken) is { } kept ? await RefusalAsync(clientId, kept, cancellationToken) : null;

        /// <summary>The refusal naming the record kept, <paramref name="keptId"/>.</summary>
        public async Task<Refusal> RefusalAsync(Guid removedId, Guid keptId, CancellationToken cancellationToken)
        {
            var name = await db.Clients.AsNoTracking().Where(c => c.Id == keptId).Select(c => c.FirstName + " " + c.LastName).SingleOrDefaultAsync(cancellationToken);
            return new Refusal(removedId, keptId, name ?? "another client");
        }
    }
}
