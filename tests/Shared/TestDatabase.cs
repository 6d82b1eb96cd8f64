using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Tests.Shared;

/// <summary>
/// A real PostgreSQL database for tests: copied from this run's template, which the migrations (the only
/// source of the schema) brought to the current schema once; emptied between tests and dropped at the end.
/// The server comes from MICROSPA_TEST_DB (a connection string to any database on it, as the role that
/// owns the test databases; scripts/test.sh sets it). The app under test connects as a second role with
/// row access only, as in production: MICROSPA_TEST_APP_USER / MICROSPA_TEST_APP_PASSWORD (default
/// microspa_app / microspa, the role scripts/lib/common.sh creates).
/// </summary>
/// <remarks>
/// Several databases live at once (one per test class running in parallel, decision 031), so each keeps
/// its connections few: PostgreSQL's default limit of 100 must hold every test process of a run.
/// </remarks>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>Connections the apps of one database (and the test code reading it as the app's role) open at most.</summary>
    public const int AppPoolSize = 10;

    /// <summary>Connections the owner role keeps open to one database (resets, fingerprints, restores).</summary>
    public const int OwnerPoolSize = 2;

    /// <summary>
    /// The clinic's settings the migrations seed (the booking policy, consent and screening v1, the aftercare
    /// template, tax classes, billing settings, payment policy v1), in an order where a row's parent comes first. A reset puts
    /// back exactly the rows and columns the template held, so a setting added later is reset without anyone
    /// remembering to add it here.
    /// </summary>
    private static readonly string[] RestoredTables = ["booking_policies", "consent_forms", "screening_questionnaires", "aftercare_template_items", "tax_classes", "billing_settings", "payment_policy_texts"];

    /// <summary>Tables a reset leaves as they are: the migration history, roles and the data protection keys, and the restored ones.</summary>
    private static readonly string[] KeptTables = ["__EFMigrationsHistory", "roles", "role_claims", "data_protection_keys", .. RestoredTables];

    /// <summary>
    /// The settings every test starts from, applied to the template before its settings are kept (the seed's
    /// defaults but a notice of two hours and the clinic open every day from 08:00 to 20:00, which
    /// <see cref="ResetAsync"/> puts back since opening hours are emptied with the rest).
    /// </summary>
    private const string TestClinicDefaults = """
        UPDATE booking_policies SET minimum_notice_minutes = 120, horizon_days = 60, cancellation_cutoff_hours = 24,
            screening_valid_days = 30, co_signature_required = false, check_in_opens_minutes_before = 60,
            before_photos_per_area = 0, clearance_valid_months = 12;
        UPDATE tax_classes SET rate_percent = 0;
        UPDATE billing_settings SET discount_limit_percent = 20;
        """;

    private const string TestOpeningHours = """
        INSERT INTO opening_hours (booking_policy_id, day, start, "end")
        SELECT 1, d, '08:00', '20:00' FROM unnest(ARRAY['Sunday','Monday','Tuesday','Wednesday','Thursday','Friday','Saturday']) AS d;
        """;

    /// <summary>The insert-only tables (the audit trail, the ledger), which even the owner may empty only by lending itself the right.</summary>
    private static readonly string InsertOnly = string.Join(", ", ["audit_entries", .. DatabaseRoles.InsertOnlyMoneyTables]);

    /// <summary>Names this process's databases: microspa_test_&lt;run&gt;_template, microspa_test_&lt;run&gt;_1, …</summary>
    private static readonly string Run = Guid.NewGuid().ToString("N")[..12];

    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    /// <summary>The restored tables' rows as the template holds them (JSON from PostgreSQL) and the columns to write back.</summary>
    private static IReadOnlyList<(string Table, string Columns, string Rows)> _settings = [];

    /// <summary>One copy at a time: each takes a moment, and together they would only compete for the disk.</summary>
    private static readonly SemaphoreSlim Copying = new(1, 1);

    private static int _created;

    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string ownerConnectionString, string connectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        OwnerConnectionString = ownerConnectionString;
        ConnectionString = connectionString;
        Name = name;
    }

    /// <summary>As the app connects: rows only, no schema, the audit trail insert-only.</summary>
    public string ConnectionString { get; }

    /// <summary>As the migrations run: the owner of every table (backups, restores, resets).</summary>
    public string OwnerConnectionString { get; }
    public string Name { get; }

    private static NpgsqlConnectionStringBuilder Server() =>
        new(Environment.GetEnvironmentVariable("MICROSPA_TEST_DB") ?? "Host=localhost;Username=microspa;Password=microspa;Database=postgres");

    private static string Admin() => new NpgsqlConnectionStringBuilder(Server().ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;

    /// <summary>A new database with the current schema and the seeded rows, copied from the run's template.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var template = await Template.Value;
        var name = $"microspa_test_{Run}_{Interlocked.Increment(ref _created)}";
        await Copying.WaitAsync();
        try
        {
            await ExecuteAsync(Admin(), $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            Copying.Release();
        }

        var owner = new NpgsqlConnectionStringBuilder(Server().ConnectionString) { Database = name, MaxPoolSize = OwnerPoolSize };
        var app = new NpgsqlConnectionStringBuilder(Server().ConnectionString)
        {
            Database = name,
            Username = Environment.GetEnvironmentVariable("MICROSPA_TEST_APP_USER") ?? "microspa_app",
            Password = Environment.GetEnvironmentVariable("MICROSPA_TEST_APP_PASSWORD") ?? "microspa",
            MaxPoolSize = AppPoolSize,
            // With few connections a burst (two hundred bookings at once in the race tests) waits for one instead of
            // being refused after Npgsql's 15 seconds on a loaded machine; the outage tests set their own.
            Timeout = 300,
        };
        return new TestDatabase(Admin(), owner.ConnectionString, app.ConnectionString, name);
    }

    /// <summary>
    /// Migrates the run's template once, as the owner, and grants the app's role its rows (grants are copied
    /// with the database). Nobody stays connected to it: PostgreSQL copies only a database nobody uses.
    /// It is dropped when the run ends (<see cref="TestRun"/>).
    /// </summary>
    private static async Task<string> CreateTemplateAsync()
    {
        var name = $"microspa_test_{Run}_template";
        await ExecuteAsync(Admin(), $"CREATE DATABASE \"{name}\"");
        TestRun.OnEnd(() => DropAsync(Admin(), name));
        var owner = new NpgsqlConnectionStringBuilder(Server().ConnectionString) { Database = name, Pooling = false };
        var options = new DbContextOptionsBuilder<MicroSpaDbContext>();
        options.UseMicroSpaDatabase(owner.ConnectionString);
        await using var db = new MicroSpaDbContext(options.Options);
        await db.Database.MigrateAsync();
        await DatabaseRoles.GrantRuntimeAccessAsync(db, Environment.GetEnvironmentVariable("MICROSPA_TEST_APP_USER") ?? "microspa_app");
        await db.Database.CloseConnectionAsync();

        await using var connection = new NpgsqlConnection(owner.ConnectionString);
        await connection.OpenAsync();
        await using (var defaults = new NpgsqlCommand(TestClinicDefaults, connection))
        {
            await defaults.ExecuteNonQueryAsync();
        }

        var settings = new List<(string, string, string)>();
        foreach (var table in RestoredTables)
        {
            await using var read = new NpgsqlCommand($"""
                SELECT (SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
                          FROM information_schema.columns
                         WHERE table_schema = 'public' AND table_name = '{table}' AND is_generated = 'NEVER'),
                       (SELECT coalesce(json_agg(t), '[]'::json)::text FROM "{table}" t)
                """, connection);
            await using var reader = await read.ExecuteReaderAsync();
            await reader.ReadAsync();
            settings.Add((table, reader.GetString(0), reader.GetString(1)));
        }

        _settings = settings;
        return name;
    }

    /// <summary>
    /// Drops a database and ends the sessions on it. WITH (FORCE) ends the app's sessions (the owner is a member
    /// of the app's role), but PostgreSQL refuses it (42501) while an autovacuum worker it started on the
    /// database runs (after a restore or a test that wrote many rows): that worker is no session of a role the
    /// owner belongs to. A plain DROP ends an autovacuum worker itself, so it is tried then, and again while
    /// the other sessions finish closing (55006).
    /// </summary>
    public static async Task DropAsync(string adminConnectionString, string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(adminConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
            {
                try
                {
                    await ExecuteAsync(adminConnectionString, $"DROP DATABASE IF EXISTS \"{name}\"");
                    return;
                }
                catch (PostgresException busy) when (busy.SqlState == PostgresErrorCodes.ObjectInUse)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt));
                }
            }
        }
    }

    /// <summary>Creates, copies or drops a database: a loaded machine can take longer than the default 30 s to do it.</summary>
    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync();
    }

    public MicroSpaDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<MicroSpaDbContext>();
        options.UseMicroSpaDatabase(ConnectionString);
        return new MicroSpaDbContext(options.Options);
    }

    /// <summary>
    /// Empties every table but the migration history, roles and keys, and puts the clinic's settings back as
    /// the template held them (every column of the restored tables, and opening hours every day 08:00–20:00),
    /// whatever a test changed or added.
    /// </summary>
    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                if (!KeptTables.Contains(table))
                {
                    tables.Add($"\"{table}\"");
                }
            }
        }

        // Nobody may empty the audit trail (PostgreSQL refuses it); the tests, owning the database, lend
        // themselves the right for the reset and give it back.
        // Autovacuum's ANALYZE of a table the previous test filled can deadlock with the TRUNCATE, and PostgreSQL
        // may pick the TRUNCATE as the victim: the reset then simply runs again (nothing of a test is retried).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var truncate = new NpgsqlCommand(
                    $"GRANT TRUNCATE ON {InsertOnly} TO CURRENT_USER; TRUNCATE {string.Join(", ", tables)} RESTART IDENTITY CASCADE; "
                    + $"REVOKE TRUNCATE ON {InsertOnly} FROM CURRENT_USER;", connection) { CommandTimeout = 300 };
                await truncate.ExecuteNonQueryAsync();
                break;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await Task.Delay(200 * attempt);
            }
        }
        var restore = new System.Text.StringBuilder();
        foreach (var (table, _, _) in Enumerable.Reverse(_settings))
        {
            restore.Append($"DELETE FROM \"{table}\";\n");
        }

        var rows = new List<NpgsqlParameter>();
        foreach (var (table, columns, json) in _settings)
        {
            var parameter = new NpgsqlParameter($"rows{rows.Count}", NpgsqlTypes.NpgsqlDbType.Json) { Value = json };
            rows.Add(parameter);
            restore.Append($"INSERT INTO \"{table}\" ({columns}) OVERRIDING SYSTEM VALUE SELECT {columns} FROM json_populate_recordset(NULL::\"{table}\", @{parameter.ParameterName});\n");
        }

        restore.Append(TestOpeningHours);
        await using var defaults = new NpgsqlCommand(restore.ToString(), connection);
        defaults.Parameters.AddRange(rows.ToArray());
        await defaults.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // Only this database's pools: the other databases of the run are in use.
        foreach (var connectionString in new[] { ConnectionString, OwnerConnectionString, DatabaseSetup.WithDefaults(ConnectionString) })
        {
            using var pooled = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(pooled);
        }

        await DropAsync(_adminConnectionString, Name);
    }
}
