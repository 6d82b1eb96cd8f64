using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Data;

public static class DatabaseSetup
{
    /// <summary>Connections one app instance opens at most, unless the connection string says otherwise.</summary>
    public const int DefaultMaxPoolSize = 30;

    /// <summary>Statements each connection keeps prepared, unless the connection string says otherwise (decision 018).</summary>
    public const int DefaultMaxAutoPrepare = 50;

    /// <summary>How often a transient failure is tried again, and the longest wait between tries.</summary>
    public const int MaxRetries = 3;
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The one place the provider and naming conventions are chosen (app, tests and design time).</summary>
    public static DbContextOptionsBuilder UseMicroSpaDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(WithDefaults(connectionString), npgsql => npgsql
                .MigrationsAssembly(typeof(MicroSpaDbContext).Assembly.GetName().Name)
                // A dropped connection, PostgreSQL restarting or a deadlock is tried again a few times within
                // seconds (SaveChanges and UnitOfWork make that safe); a longer outage answers 503 after those seconds.
                .EnableRetryOnFailure(MaxRetries, MaxRetryDelay, errorCodesToAdd: null))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// Caps this instance's connections (Npgsql's default is 100, PostgreSQL's whole limit): under a burst,
    /// requests wait a moment for a connection instead of being refused by the server, and several
    /// instances fit beside each other. Set "Maximum Pool Size" in the connection string to choose.
    /// Prepares the statements a connection runs often (Npgsql's automatic preparation): PostgreSQL then
    /// parses and plans each of EF's queries once per connection instead of on every request, which halves
    /// the cost of most pages (docs/benchmarks.md). "Max Auto Prepare=0" turns it off, for a pooler that
    /// cannot keep prepared statements (decision 018).
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Pool Size", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        return builder.ConnectionString;
    }
}
