namespace MicroSpa.Domain.Treatments;

/// <summary>Fitzpatrick skin type, I (always burns) to VI (never burns).</summary>
public enum FitzpatrickType
{
    I = 1,
    II = 2,
    III = 3,
    IV = 4,
    V = 5,
    VI = 6,
}

/// <summary>What the depth rules say about one depth on one area with one device.</summary>
/// <param name="Refusal">Why this depth cannot be charted at all, or null.</param>
/// <param name="Warnings">What the provider must justify in writing to chart this depth.</param>
public sealed record DepthVerdict(string? Refusal, IReadOnlyList<string> Warnings)
{
    public bool Refused => Refusal is not null;
    public bool NeedsReason => Refusal is null && Warnings.Count > 0;
}

/// <summary>
/// The depth rules of DOMAIN.md, with the clinic's figures (each area's band and hard maximum, each
/// device's maximum and step): refused depths, and warnings that need a written reason.
/// </summary>
public static class DepthRules
{
    /// <summary>SkinPen's instructions: safety above this depth was not evaluated.</summary>
    public const decimal SkinPenEvaluatedMaximumMm = 1.5m;

    public static DepthVerdict Check(BodyArea area, Device device, decimal depthMm, FitzpatrickType? skinType)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(device);
        if (area.NeverTreat)
        {
            return Refuse($"{area.Name} is never treated.");
        }

        if (area.Band is not { } band)
        {
            return Refuse($"{area.Name} has no depth band yet: the medical director sets one before it can be charted.");
        }

        if (depthMm <= 0m)
        {
            return Refuse("Enter a depth above 0 mm.");
        }

        if (depthMm > device.MaxDepthMm)
        {
            return Refuse($"{device.Name} goes to {device.MaxDepthMm:0.0#} mm at most.");
        }

        if (depthMm % device.DepthStepMm != 0m)
        {
            return Refuse($"{device.Name} is set in steps of {device.DepthStepMm:0.0#} mm.");
        }

        if (area.HardMaximumMm is { } hardMax && depthMm > hardMax)
        {
            return Refuse($"{area.Name} is never needled deeper than {hardMax:0.0#} mm.");
        }

        var warnings = new List<string>();
        if (depthMm > band.MaxMm)
        {
            warnings.Add($"{depthMm:0.0#} mm is above the {area.Name.ToLowerInvariant()} band ({band}).");
        }

        if (device.Class == DeviceClass.SkinPenClass && depthMm > SkinPenEvaluatedMaximumMm)
        {
            warnings.Add($"Above {SkinPenEvaluatedMaximumMm:0.0} mm on a SkinPen-class device (safety not evaluated by its instructions).");
        }

        if (area.Region == BodyRegion.Neck && skinType is FitzpatrickType.V or FitzpatrickType.VI)
        {
            warnings.Add("Neck treatment is cleared for Fitzpatrick II–IV only.");
        }

        return new DepthVerdict(null, warnings);
    }

    private static DepthVerdict Refuse(string why) => new(why, []);
}
