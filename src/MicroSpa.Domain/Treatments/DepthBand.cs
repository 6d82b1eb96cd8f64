namespace MicroSpa.Domain.Treatments;

/// <summary>The usual needle depth range for an area, in millimetres, as set by the medical director.</summary>
public sealed record DepthBand
{
    public DepthBand(decimal minMm, decimal maxMm)
    {
        if (minMm < 0m)
        {
            throw new DomainException("The lower end of a depth band cannot be below 0 mm.", nameof(MinMm));
        }

        if (maxMm < minMm)
        {
            throw new DomainException("The upper end of a depth band must not be below its lower end.", nameof(MaxMm));
        }

        if (maxMm > Device.AbsoluteMaximumDepthMm)
        {
            throw new DomainException($"No microneedling device goes deeper than {Device.AbsoluteMaximumDepthMm} mm.", nameof(MaxMm));
        }

        MinMm = minMm;
        MaxMm = maxMm;
    }

    public decimal MinMm { get; }
    public decimal MaxMm { get; }

    public bool Contains(decimal depthMm) => depthMm >= MinMm && depthMm <= MaxMm;

    public override string ToString() => $"{MinMm:0.0#}–{MaxMm:0.0#} mm";
}
