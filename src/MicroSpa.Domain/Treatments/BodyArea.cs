namespace MicroSpa.Domain.Treatments;

/// <summary>
/// A treatable (or never-treatable) part of the body with its depth rules. The medical director
/// edits these; an area without a band cannot be charted until one is set.
/// </summary>
public sealed class BodyArea
{
    private BodyArea()
    {
        Name = string.Empty;
    }

    public BodyArea(string name, BodyRegion region, int sortOrder = 0)
    {
        Id = Guid.CreateVersion7();
        Name = RequireName(name);
        Region = region;
        SortOrder = sortOrder;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public BodyRegion Region { get; private set; }
    public int SortOrder { get; private set; }

    /// <summary>The usual depth range; null until the medical director sets one.</summary>
    public DepthBand? Band { get; private set; }

    /// <summary>A depth this area is never needled beyond, whatever the reason given.</summary>
    public decimal? HardMaximumMm { get; private set; }

    /// <summary>Areas such as the eyelids are never treated.</summary>
    public bool NeverTreat { get; private set; }

    public bool CanBeCharted => !NeverTreat && Band is not null;

    /// <summary>The least time between two sessions on this area (DOMAIN.md: 28 days, 7 for the scalp).</summary>
    public int MinimumIntervalDays { get; private set; } = 28;

    public void SetMinimumInterval(int days)
    {
        if (days is < 0 or > 365)
        {
            throw new DomainException("The minimum interval is 0 to 365 days.", nameof(MinimumIntervalDays));
        }

        MinimumIntervalDays = days;
    }

    public void Rename(string name) => Name = RequireName(name);

    public void SetDepthRules(DepthBand band, decimal? hardMaximumMm)
    {
        ArgumentNullException.ThrowIfNull(band);
        if (NeverTreat)
        {
            throw new DomainException($"{Name} is marked never to treat; it has no depth band.", nameof(Band));
        }

        if (hardMaximumMm is { } hardMax && hardMax < band.MaxMm)
        {
            throw new DomainException("The hard maximum must be at or above the top of the band.", nameof(HardMaximumMm));
        }

        if (hardMaximumMm > Device.AbsoluteMaximumDepthMm)
        {
            throw new DomainException($"No microneedling device goes deeper than {Device.AbsoluteMaximumDepthMm} mm.", nameof(HardMaximumMm));
        }

        Band = band;
        HardMaximumMm = hardMaximumMm;
    }

    public void ClearDepthRules()
    {
        Band = null;
        HardMaximumMm = null;
    }

    public void MarkNeverTreat()
    {
        NeverTreat = true;
        Band = null;
        HardMaximumMm = null;
    }

    private static string RequireName(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > FieldLengths.ShortName)
        {
            throw new DomainException($"A body area needs a name of 1 to {FieldLengths.ShortName} characters.", nameof(Name));
        }

        return trimmed;
    }
}
