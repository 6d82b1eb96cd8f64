using System.Diagnostics;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Infrastructure.Seeding;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MicroSpa.Tests.Shared;
using Npgsql;

namespace MicroSpa.Web.Tests.Operations;

/// <summary>scripts/backup.sh and scripts/restore.sh, run as an operator would, against this test's database.</summary>
public sealed class BackupRestoreTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MicroSpa.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("MicroSpa.sln not found above the test binaries.");
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string script, params string[] arguments)
    {
        var connection = new NpgsqlConnectionStringBuilder(Database.OwnerConnectionString);
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine("scripts", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = connection.Username;
        start.Environment["PGPASSWORD"] = connection.Password;
        start.Environment["MICROSPA_DB_NAME"] = Database.Name;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Each table's row count and a digest of all its rows, so "every row again" means the same rows.</summary>
    private static async Task<SortedDictionary<string, string>> FingerprintAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var digest = new NpgsqlCommand($"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t", connection);
            result[table] = (string)(await digest.ExecuteScalarAsync())!;
        }

        return result;
    }

    [Fact]
    public async Task A_backup_restored_into_a_new_database_holds_every_row_and_keeps_the_audit_trail_insert_only()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<DemoClinicSeeder>(scope.ServiceProvider).SeedAsync(CancellationToken.None);
        }

        await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var before = await FingerprintAsync(Database.OwnerConnectionString);
        before["appointments"].ShouldNotStartWith("0:");
        before["audit_entries"].ShouldNotStartWith("0:");
        var file = Path.Combine(Path.GetTempPath(), $"microspa-{Guid.NewGuid():N}.dump");
        var restored = $"{Database.Name}_restored";
        try
        {
            var backup = await RunAsync("backup.sh", file);
            backup.ExitCode.ShouldBe(0, backup.Output);
            File.Exists(file).ShouldBeTrue();

            var restore = await RunAsync("restore.sh", file, restored);
            restore.ExitCode.ShouldBe(0, restore.Output);
            var again = await RunAsync("restore.sh", file, restored);
            again.ExitCode.ShouldBe(1);
            again.Output.ShouldContain("exists already");

            var restoredConnection = new NpgsqlConnectionStringBuilder(Database.OwnerConnectionString) { Database = restored, Pooling = false }.ConnectionString;
            var after = await FingerprintAsync(restoredConnection);
            after.ShouldBe(before);

            await using var connection = new NpgsqlConnection(restoredConnection);
            await connection.OpenAsync();
            await using var tamper = new NpgsqlCommand("DELETE FROM audit_entries", connection);
            (await Should.ThrowAsync<PostgresException>(() => tamper.ExecuteNonQueryAsync())).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
        finally
        {
            File.Delete(file);
            await TestDatabase.DropAsync(new NpgsqlConnectionStringBuilder(Database.OwnerConnectionString) { Database = "postgres", Pooling = false }.ConnectionString, restored);
        }
    }

    [Fact]
    public async Task Restore_refuses_a_missing_file_and_a_broken_one_leaves_no_database()
    {
        (await RunAsync("restore.sh", "/nonexistent.dump")).ExitCode.ShouldBe(2);

        var broken = Path.Combine(Path.GetTempPath(), $"microspa-{Guid.NewGuid():N}.dump");
        await File.WriteAllTextAsync(broken, "this is not a backup");
        var target = $"{Database.Name}_broken";
        try
        {
            var result = await RunAsync("restore.sh", broken, target);
            result.ExitCode.ShouldBe(1);
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database.OwnerConnectionString) { Database = "postgres" }.ConnectionString);
            await admin.OpenAsync();
            await using var exists = new NpgsqlCommand($"SELECT count(*) FROM pg_database WHERE datname = '{target}'", admin);
            ((long)(await exists.ExecuteScalarAsync())!).ShouldBe(0);
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
