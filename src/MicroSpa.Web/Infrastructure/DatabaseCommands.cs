using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Infrastructure;

internal static class DatabaseCommands
{
    /// <summary>
    /// Applies pending migrations (the schema comes only from migrations). Used by `MicroSpa.Web migrate`.
    /// With ConnectionStrings:MicroSpaOwner set, the migrations run as that owner role and the app's own
    /// role (ConnectionStrings:MicroSpa) is given row access only (see <see cref="DatabaseRoles"/>).
    /// </summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        var owner = app.Configuration.GetConnectionString("MicroSpaOwner");
        if (string.IsNullOrWhiteSpace(owner))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MicroSpaDbContext>();
            await MigrateAsync(app, db);
            app.Logger.LogWarning("No ConnectionStrings:MicroSpaOwner: the app runs as the owner of its tables (see docs/security.md)");
            return;
        }

        var options = new DbContextOptionsBuilder<MicroSpaDbContext>();
        options.UseMicroSpaDatabase(owner);
        await using var ownerContext = new MicroSpaDbContext(options.Options);
        await MigrateAsync(app, ownerContext);
        var appRole = new NpgsqlConnectionStringBuilder(app.Configuration.GetConnectionString("MicroSpa")).Username;
        if (!string.IsNullOrEmpty(appRole) && appRole != new NpgsqlConnectionStringBuilder(owner).Username)
        {
            await DatabaseRoles.GrantRuntimeAccessAsync(ownerContext, appRole);
            app.Logger.LogInformation("Granted row access to the app's role {Role}", appRole);
        }
    }

    private static async Task MigrateAsync(WebApplication app, MicroSpaDbContext db)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        app.Logger.LogInformation("Applied {Count} migration(s)", pending.Count);
    }
}
