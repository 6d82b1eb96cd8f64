using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MicroSpa.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<MicroSpaDbContext>
{
    public MicroSpaDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__MicroSpa")
            ?? "Host=localhost;Database=microspa;Username=microspa;Password=microspa";
        var options = new DbContextOptionsBuilder<MicroSpaDbContext>();
        options.UseMicroSpaDatabase(connectionString);
        return new MicroSpaDbContext(options.Options);
    }
}
