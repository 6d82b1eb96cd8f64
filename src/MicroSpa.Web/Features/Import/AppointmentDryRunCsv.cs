using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Csv;

namespace MicroSpa.Web.Features.Import;

/// <summary>The appointments dry run as a CSV file, every row with its finding (through <see cref="SafeCsv"/>: no cell runs as a formula).</summary>
public static class AppointmentDryRunCsv
{
    public static readonly IReadOnlyList<string> Header =
        ["Line", "Action", "Client", "Service", "Provider", "Start (UTC)", "End (UTC)", "Status", "What would happen"];

    public static string Write(AppointmentDryRun.Result dryRun) =>
        SafeCsv.ToText(Header, dryRun.Findings.Select(f => new object?[]
        {
            f.Line, ImportDryRun.Label(f.Action), f.Client, f.ServiceName, f.ProviderName, f.Start, f.End, Label(f.Status), f.Detail,
        }));

    public static string? Label(AppointmentStatus? status) => status switch
    {
        null => null,
        AppointmentStatus.NoShow => "No-show",
        _ => status.ToString(),
    };
}
