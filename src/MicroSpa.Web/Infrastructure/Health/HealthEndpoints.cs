using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace MicroSpa.Web.Infrastructure.Health;

internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    /// <summary>/health/live: the process answers. /health/ready: and PostgreSQL answers too (503 when not).</summary>
    public static void MapMicroSpaHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) })
            .AllowAnonymous();
    }
}
