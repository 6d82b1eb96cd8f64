using System.Net.Sockets;
using Npgsql;

namespace MicroSpa.Web.Infrastructure.Errors;

internal static class DatabaseFailure
{
    /// <summary>
    /// True when the exception means PostgreSQL could not be reached (down, restarting, refusing
    /// connections), as opposed to a query that PostgreSQL answered with an error.
    /// </summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    // 08: connection exception; 57P01-57P03: shutting down or starting up; 53300: too many connections.
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300";
                case NpgsqlException:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when PostgreSQL refused the work because of other work at the same moment (a deadlock, a
    /// serialization failure, a lock it would not wait for) and the execution strategy's retries ran out:
    /// nothing was saved, and the same request a moment later will most likely succeed.
    /// </summary>
    public static bool IsContention(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.LockNotAvailable })
            {
                return true;
            }
        }

        return false;
    }
}
