namespace MicroSpa.Domain.Treatments;

public enum ClinicalEndpoint
{
    Erythema = 1,
    PinpointBleeding = 2,
    Both = 3,
}

/// <summary>One body area of a session: what was done there.</summary>
public sealed class ChartedArea
{
    private ChartedArea()
    {
        AreaName = string.Empty;
    }

    internal ChartedArea(Guid bodyAreaId, string areaName)
    {
        BodyAreaId = bodyAreaId;
        AreaName = areaName;
    }

    public Guid BodyAreaId { get; private set; }

    /// <summary>The area's name when charted (kept if the area is renamed later).</summary>
    public string AreaName { get; private set; }

    public decimal? DepthMm { get; private set; }
    public int? Passes { get; private set; }
    public Guid? ProductId { get; private set; }
    public string? ProductName { get; private set; }
    public string? ProductLot { get; private set; }
    public ClinicalEndpoint? Endpoint { get; private set; }
    public string? Reaction { get; private set; }

    /// <summary>The provider's written reason for a depth the rules warn about.</summary>
    public string? WarningReason { get; private set; }

    /// <summary>The band and warnings in force when the chart was signed (signed charts keep them).</summary>
    public string? RulesAtSigning { get; private set; }

    internal void Record(AreaEntry entry, string? productName)
    {
        DepthMm = entry.DepthMm;
        Passes = entry.Passes;
        ProductId = entry.ProductId;
        ProductName = productName;
        ProductLot = Clean(entry.ProductLot, FieldLengths.ShortName);
        Endpoint = entry.Endpoint;
        Reaction = Clean(entry.Reaction, FieldLengths.Description);
        WarningReason = Clean(entry.WarningReason, FieldLengths.Description);
    }

    internal void Freeze(string rules) => RulesAtSigning = rules;

    private static string? Clean(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        return trimmed.Length > max ? throw new DomainException($"That text is longer than {max} characters.") : trimmed;
    }
}
