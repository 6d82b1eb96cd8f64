using MicroSpa.Web.Infrastructure.Csv;

namespace MicroSpa.Web.Features.Import;

/// <summary>The dry run as a CSV file, every row with its finding (through <see cref="SafeCsv"/>: no cell runs as a formula).</summary>
public static class DryRunCsv
{
    public static readonly IReadOnlyList<string> Header =
        ["Line", "Action", "First name", "Last name", "Email", "Phone", "Date of birth", "What would happen"];

    public static string Write(ImportDryRun.Result dryRun) =>
        SafeCsv.ToText(Header, dryRun.Findings.Select(f => new object?[]
        {
            f.Line, ImportDryRun.Label(f.Action), f.FirstName, f.LastName, f.Email, f.Phone, f.DateOfBirth, f.Detail,
        }));
}
