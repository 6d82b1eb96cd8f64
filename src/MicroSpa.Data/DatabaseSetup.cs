using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Data;

public static class DatabaseSetup
{
    /// <summary>The one place the provider and naming conventions are chosen (app, tests and design time).</summary>
    public static DbContextOptionsBuilder UseMicroSpaDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(MicroSpaDbContext).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention();
}
