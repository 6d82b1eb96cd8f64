using System.Globalization;
using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// Where reports and exports read (issue 21, docs/scaling.md): the PostgreSQL hot standby named by
/// <c>ConnectionStrings:MicroSpaReadOnly</c> when it is set, otherwise the primary. Opening it on the standby also asks
/// how far behind the primary it is, so a page can say "figures as of HH:MM" (<see cref="FiguresAsOf"/>). A standby that
/// cannot be reached is <see cref="ReportingDatabaseUnavailableException"/> (a 503 page), never a silent fall back onto
/// the primary the standby is there to spare. One per request.
/// </summary>
public sealed class ReportingDatabase(MicroSpaDbContext primary, ReportingDatabase.Standby standby, ILogger<ReportingDatabase> logger) : IAsyncDisposable
{
    /// <summary>
    /// How long a report waits for the standby to replay what the primary had written when the request came: replication
    /// takes milliseconds, so a standby that gets there within this is current; one that does not is lagging.
    /// </summary>
    public static readonly TimeSpan CatchUpWait = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How old the standby's last replayed change must be before a lagging standby is said to be behind
    /// (<c>Reporting:LagShownAfter</c>, default one minute): the line gives hours and minutes, so a standby a few
    /// seconds behind under a burst of writes shows figures that are current to the minute, and is not flagged.
    /// </summary>
    public static readonly TimeSpan DefaultLagShownAfter = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The standby's session settings for reports (decision 063): no JIT compilation (on a report's statements over tens
    /// of thousands of rows PostgreSQL's JIT spent more time compiling than the statement took to run) and a work memory
    /// large enough that their sorts and hashes stay in memory. Set after the connection string's own options, so they win.
    /// </summary>
    public const string SessionOptions = "-c jit=off -c work_mem=64MB";

    private MicroSpaDbContext? replica;
    private bool opened;

    /// <summary>
    /// The read-only connection's options, built once: null when no standby is configured. No retries (a report that
    /// failed on the standby is not run again three times) and at most 5 seconds to connect, so an unreachable standby
    /// is told in seconds, not after a minute of tries.
    /// </summary>
    public sealed class Standby(IConfiguration configuration)
    {
        private readonly Lazy<DbContextOptions<MicroSpaDbContext>?> options = new(() =>
        {
            if (configuration.GetConnectionString("MicroSpaReadOnly") is not { Length: > 0 } connectionString)
            {
                return null;
            }

            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            builder.Timeout = Math.Min(builder.Timeout, 5);
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? SessionOptions : $"{builder.Options} {SessionOptions}";
            var options = new DbContextOptionsBuilder<MicroSpaDbContext>();
            options.UseMicroSpaDatabase(builder.ConnectionString);
            options.UseNpgsql(npgsql => npgsql.ExecutionStrategy(dependencies => new NonRetryingExecutionStrategy(dependencies)));
            return options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).Options;
        });

        public DbContextOptions<MicroSpaDbContext>? Options => options.Value;

        /// <summary>See <see cref="DefaultLagShownAfter"/>.</summary>
        public TimeSpan LagShownAfter { get; } = configuration.GetValue<TimeSpan?>("Reporting:LagShownAfter") ?? DefaultLagShownAfter;
    }

    /// <summary>True when reads go to the standby.</summary>
    public bool OnStandby => standby.Options is not null;

    /// <summary>True once this request read from the standby: a database failure after that is the standby's (ErrorsController).</summary>
    public bool ReadFromStandby => opened && replica is not null;

    /// <summary>
    /// When the standby's figures stop, when it is lagging (see <see cref="LagAsync"/>): the commit time of the last
    /// transaction it has replayed, or <see cref="DateTimeOffset.MinValue"/> when it has replayed none since it started.
    /// Null on the primary, when the standby is current, or before <see cref="OpenAsync"/>.
    /// </summary>
    public DateTimeOffset? FiguresAsOf { get; private set; }

    /// <summary>The context to read from, the standby's lag measured once per request.</summary>
    public async Task<MicroSpaDbContext> OpenAsync(CancellationToken cancellationToken)
    {
        if (standby.Options is not { } options)
        {
            return primary;
        }

        replica ??= new MicroSpaDbContext(options);
        if (!opened)
        {
            opened = true;
            try
            {
                FiguresAsOf = await LagAsync(replica, cancellationToken);
                if (FiguresAsOf is { } asOf)
                {
                    logger.LogWarning("The reporting standby is behind the primary: it last replayed a change committed at {ReplayedAt:o}", asOf);
                }
            }
            catch (Exception exception) when (Unreachable(exception))
            {
                throw new ReportingDatabaseUnavailableException(exception);
            }
        }

        return replica;
    }

    /// <summary>
    /// Null when the standby is current: it has replayed, within <see cref="CatchUpWait"/>, the WAL the primary had
    /// flushed when asked (flushed, not merely written: only flushed WAL can be sent), or its last replayed change is
    /// younger than <see cref="Standby.LagShownAfter"/>. Otherwise the commit time it has replayed up to
    /// (<see cref="DateTimeOffset.MinValue"/> when none since it started). A server that is not in recovery (the
    /// read-only string names a primary, or a standby that was promoted) has nothing to catch up with: current, and said
    /// once per request in the log, instead of "catching up" for ever.
    /// </summary>
    private async Task<DateTimeOffset?> LagAsync(MicroSpaDbContext replica, CancellationToken cancellationToken)
    {
        // The primary's position first: whatever the standby has replayed by its answer, it is compared with a point
        // the primary had already passed.
        var primaryPosition = (await primary.Database
            .SqlQueryRaw<ReplayState>("SELECT pg_current_wal_flush_lsn()::text AS position, NULL::timestamptz AS replayed_at, true AS in_recovery")
            .SingleAsync(cancellationToken)).Position!;
        var target = Lsn(primaryPosition);
        // Real time, not the clinic clock a test may set: replication lag is measured by the wall.
        var waited = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            var state = await replica.Database
                .SqlQueryRaw<ReplayState>("SELECT pg_last_wal_replay_lsn()::text AS position, pg_last_xact_replay_timestamp() AS replayed_at, pg_is_in_recovery() AS in_recovery")
                .SingleAsync(cancellationToken);
            if (!state.InRecovery)
            {
                logger.LogWarning("ConnectionStrings:MicroSpaReadOnly names a server that is not a standby (not in recovery): reports read it as current");
                return null;
            }

            if (state.Position is { } position && Lsn(position) >= target)
            {
                return null;
            }

            if (System.Diagnostics.Stopwatch.GetElapsedTime(waited) >= CatchUpWait)
            {
                return state.ReplayedAt is { } replayedAt && DateTimeOffset.UtcNow - replayedAt < standby.LagShownAfter
                    ? null
                    : state.ReplayedAt ?? DateTimeOffset.MinValue;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (replica is not null)
        {
            await replica.DisposeAsync();
        }
    }

    /// <summary>A WAL position as PostgreSQL writes it ("16/B374D848") as one number.</summary>
    public static ulong Lsn(string position)
    {
        var slash = position.IndexOf('/', StringComparison.Ordinal);
        return (ulong.Parse(position[..slash], NumberStyles.HexNumber, CultureInfo.InvariantCulture) << 32)
            | ulong.Parse(position[(slash + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    private static bool Unreachable(Exception exception) =>
        exception is NpgsqlException or TimeoutException || (exception.InnerException is { } inner && Unreachable(inner));

    private sealed record ReplayState(string? Position, DateTimeOffset? ReplayedAt, bool InRecovery);
}

/// <summary>The standby the reports read from cannot be reached: answered 503 with a page that says so.</summary>
public sealed class ReportingDatabaseUnavailableException(Exception inner)
    : Exception("The reporting database (ConnectionStrings:MicroSpaReadOnly) cannot be reached.", inner);
