using MicroSpa.Domain.Treatments;

namespace MicroSpa.Domain.Tests.Treatments;

public sealed class DepthVerdictTests
{
    private static BodyArea Area(string name, BodyRegion region, decimal? min, decimal? max, decimal? hardMax = null, bool never = false)
    {
        var area = new BodyArea(name, region);
        if (never)
        {
            area.MarkNeverTreat();
        }
        else if (min is { } low && max is { } high)
        {
            area.SetDepthRules(new DepthBand(low, high), hardMax);
        }

        return area;
    }

    private static readonly Device SkinPen = new("SkinPen 1", "SkinPen Precision", DeviceClass.SkinPenClass, 2.5m, 0.25m);
    private static readonly Device Dermapen = new("Dermapen 1", "Dermapen 4", DeviceClass.DermapenClass, 3.0m, 0.1m);

    public static TheoryData<string, string, decimal, FitzpatrickType?, string> Cases => new()
    {
        // area, device, depth, skin type, expected ("ok", "refused: ...", "warn: ...")
        { "Cheeks", "SkinPen", 0.75m, FitzpatrickType.III, "ok" },
        { "Cheeks", "SkinPen", 1.0m, FitzpatrickType.III, "ok" },
        { "Cheeks", "SkinPen", 2.75m, FitzpatrickType.III, "refused: goes to 2.5 mm at most" },
        { "Cheeks", "Dermapen", 3.1m, FitzpatrickType.III, "refused: goes to 3.0 mm at most" },
        { "Cheeks", "SkinPen", 0.6m, FitzpatrickType.III, "refused: steps of 0.25 mm" },
        { "Cheeks", "Dermapen", 0.65m, FitzpatrickType.III, "refused: steps of 0.1 mm" },
        { "Cheeks", "Dermapen", 0m, FitzpatrickType.III, "refused: above 0 mm" },
        { "Eyelids", "Dermapen", 0.2m, FitzpatrickType.III, "refused: never treated" },
        { "Chest", "Dermapen", 0.5m, FitzpatrickType.III, "refused: no depth band yet" },
        { "Cheeks", "Dermapen", 2.1m, FitzpatrickType.III, "refused: never needled deeper than 2.0 mm" },
        { "Cheeks", "Dermapen", 1.2m, FitzpatrickType.III, "warn: above the cheeks band" },
        { "Cheeks", "SkinPen", 1.75m, FitzpatrickType.III, "warn: above the cheeks band|SkinPen-class" },
        { "Abdomen", "SkinPen", 1.75m, FitzpatrickType.III, "warn: SkinPen-class" },
        { "Abdomen", "Dermapen", 1.8m, FitzpatrickType.III, "ok" },
        { "Neck", "Dermapen", 1.0m, FitzpatrickType.V, "warn: Fitzpatrick II–IV only" },
        { "Neck", "Dermapen", 1.0m, FitzpatrickType.VI, "warn: Fitzpatrick II–IV only" },
        { "Neck", "Dermapen", 1.0m, FitzpatrickType.IV, "ok" },
        { "Neck", "Dermapen", 1.0m, null, "ok" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_depth_rule_refuses_warns_or_allows(string areaName, string deviceName, decimal depth, FitzpatrickType? skin, string expected)
    {
        var area = areaName switch
        {
            "Cheeks" => Area("Cheeks", BodyRegion.Face, 0.5m, 1.0m, hardMax: 2.0m),
            "Eyelids" => Area("Eyelids", BodyRegion.Face, null, null, never: true),
            "Chest" => Area("Chest", BodyRegion.Chest, null, null),
            "Abdomen" => Area("Abdomen", BodyRegion.Torso, 1.0m, 2.5m),
            "Neck" => Area("Neck", BodyRegion.Neck, 0.5m, 2.5m),
            _ => throw new ArgumentOutOfRangeException(nameof(areaName)),
        };
        var device = deviceName == "SkinPen" ? SkinPen : Dermapen;

        var verdict = DepthRules.Check(area, device, depth, skin);

        if (expected == "ok")
        {
            verdict.Refused.ShouldBeFalse(verdict.Refusal);
            verdict.Warnings.ShouldBeEmpty();
        }
        else if (expected.StartsWith("refused: ", StringComparison.Ordinal))
        {
            verdict.Refusal.ShouldNotBeNull();
            verdict.Refusal.ShouldContain(expected["refused: ".Length..]);
            verdict.Warnings.ShouldBeEmpty();
        }
        else
        {
            verdict.Refused.ShouldBeFalse(verdict.Refusal);
            var parts = expected["warn: ".Length..].Split('|');
            verdict.Warnings.Count.ShouldBe(parts.Length);
            foreach (var part in parts)
            {
                verdict.Warnings.ShouldContain(w => w.Contains(part, StringComparison.Ordinal));
            }

            verdict.NeedsReason.ShouldBeTrue();
        }
    }
}
