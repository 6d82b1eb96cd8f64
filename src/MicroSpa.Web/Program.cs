using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Seeding;

var builder = WebApplication.CreateBuilder(args);
builder.AddMicroSpa();
var app = builder.Build();

// One-shot commands used by scripts/run.sh and the container: `migrate`, `seed`.
switch (args.FirstOrDefault())
{
    case "migrate":
        await app.MigrateDatabaseAsync();
        return;
    case "seed":
        if (!DemoMode.IsOn(app.Configuration))
        {
            await Console.Error.WriteLineAsync(DemoMode.RefusedMessage);
            Environment.ExitCode = 2;
            return;
        }

        await app.SeedDemoClinicAsync();
        return;
}

app.UseMicroSpa();
await app.RunAsync();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
