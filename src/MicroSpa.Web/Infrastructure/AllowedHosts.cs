namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// Outside Development the app answers only requests whose Host is the public address's host (HTTP 400
/// otherwise), plus any host named in AllowedHosts (semicolon-separated) other than the "*" of
/// appsettings.json, e.g. a load balancer's health probe.
/// </summary>
public static class AllowedHosts
{
    public static List<string> From(IConfiguration configuration)
    {
        var hosts = new List<string>();
        var publicUrl = configuration[$"{ClinicOptions.Section}:{nameof(ClinicOptions.PublicUrl)}"];
        if (Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri))
        {
            hosts.Add(uri.IdnHost);
        }

        var listed = (configuration["AllowedHosts"] ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(h => h != "*");
        hosts.AddRange(listed.Except(hosts, StringComparer.OrdinalIgnoreCase));
        return hosts;
    }
}
