using Microsoft.EntityFrameworkCore.Storage;

namespace MicroSpa.Data;

/// <summary>
/// Work that needs its own transaction (more than one SaveChanges, or a lock held across reads), run
/// through EF's execution strategy: a transient failure (connection lost, PostgreSQL restarting, a
/// deadlock) rolls everything back and runs the whole unit again from a clean change tracker, so every
/// step is re-read rather than replayed half-done. When the failure strikes the commit itself,
/// <c>committed</c> asks the database whether the unit was kept before anything runs again. A unit asked for inside
/// another's transaction (a webhook's action recording a payment) joins it: the outer unit commits, retries or rolls
/// back both.
/// </summary>
public static class UnitOfWork
{
    public static Task<T> InTransactionAsync<T>(
        this MicroSpaDbContext db,
        Func<CancellationToken, Task<T>> work,
        Func<CancellationToken, Task<bool>>? committed,
        CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return work(cancellationToken);
        }

        var attempts = 0;
        var finished = false;
        T result = default!;
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(
            work,
            async (context, unit, token) =>
            {
                if (attempts++ > 0)
                {
                    // What the failed attempt tracked was rolled back in the database; forget it here too.
                    context.ChangeTracker.Clear();
                }

                finished = false;
                await using var transaction = await context.Database.BeginTransactionAsync(token);
                result = await unit(token);
                finished = true;
                await transaction.CommitAsync(token);
                return result;
            },
            committed is null
                ? null
                : async (_, _, token) => new ExecutionResult<T>(finished && await committed(token), result),
            cancellationToken);
    }
}
