using MicroSpa.Data;
using MicroSpa.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// Saves a booking or a move that picked a room, pen and provider. Two requests can pick the same free room (or pen) at the
/// same moment; PostgreSQL's overlap constraints keep one (decision 002) and refuse the other's save. This runs the whole
/// attempt again (read the times, pick among what is left, save) with the change tracker cleared, a few times, and then
/// gives up with the caller's answer (the time was taken). One place for the rule, used by online booking, the desk's
/// booking and move, the client's move and an accepted waitlist offer.
/// </summary>
public sealed class BookingRetry(MicroSpaDbContext db, ILogger<BookingRetry> logger)
{
    /// <summary>Attempts before giving up: enough for a handful of requests racing for the same quarter hour.</summary>
    public const int Attempts = 5;

    /// <summary>
    /// Runs <paramref name="attempt"/> (which saves) until it is not refused for a resource taken meanwhile: an overlap
    /// (exclusion constraint) or a unique index (the same draft or offer confirmed twice at once: the next attempt sees it
    /// done); after the last, <paramref name="giveUp"/>. A deadlock between the overlap checks that outlasted the execution
    /// strategy is tried again too, and after the last attempt left to the error page (503: nothing was saved, try again).
    /// </summary>
    public async Task<T> SaveAsync<T>(Func<CancellationToken, Task<T>> attempt, Func<CancellationToken, Task<T>> giveUp, CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && ex.InnerException is PostgresException
                                               {
                                                   SqlState: PostgresErrorCodes.ExclusionViolation or PostgresErrorCodes.UniqueViolation,
                                               })
            {
                logger.LogInformation("A booking's save lost a race for a room, pen or time (attempt {Attempt} of {Attempts})", number, Attempts);
                db.ChangeTracker.Clear();
                if (number == Attempts)
                {
                    return await giveUp(cancellationToken);
                }
            }
            catch (RetryLimitExceededException ex) when (number < Attempts && DatabaseFailure.IsContention(ex))
            {
                logger.LogInformation("A booking's save kept deadlocking (attempt {Attempt} of {Attempts})", number, Attempts);
                db.ChangeTracker.Clear();
            }
        }
    }
}
