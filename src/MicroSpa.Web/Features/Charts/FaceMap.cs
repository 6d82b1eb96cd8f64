using System.Globalization;
using MicroSpa.Domain.Treatments;

namespace MicroSpa.Web.Features.Charts;

/// <summary>
/// The face and body map of the chart: the clinic's body areas (clinical settings) drawn as shapes, each coloured by
/// the depth entered on this chart, with the depth of the last signed session beside it. Areas are matched to a
/// shape by name; one the drawing has no shape for (or a second area for a shape already taken) is listed beside the
/// drawing instead, so no area is lost. Tapping a shape adds its area as the "Add an area" list does.
/// </summary>
public static class FaceMap
{
    /// <summary>An area of the clinic, as the map needs it.</summary>
    public sealed record Catalogue(Guid Id, string Name, BodyRegion Region, bool CanBeCharted, bool NeverTreat);

    /// <summary>The depth of an area at the client's last signed session that had it.</summary>
    public sealed record LastTime(decimal? DepthMm, DateTime LocalDate);

    public enum State
    {
        /// <summary>Can be added: tapping adds it to the chart.</summary>
        Addable,

        /// <summary>Already on this chart: tapping goes to its depth.</summary>
        OnChart,

        /// <summary>No depth band set in clinical settings yet: not charted until the medical director sets one.</summary>
        NoBand,

        /// <summary>Never treated (the eyelids).</summary>
        NeverTreat,
    }

    public sealed record Area(Guid Id, string Name, string? Shape, State State, decimal? DepthMm, LastTime? Last, int? Row)
    {
        /// <summary>0: no depth entered yet; 1 to 5: up to 0.5, 1.0, 1.5, 2.0 mm, deeper (the colours of the legend).</summary>
        public int DepthBand => DepthMm switch
        {
            null => 0,
            <= 0.5m => 1,
            <= 1.0m => 2,
            <= 1.5m => 3,
            <= 2.0m => 4,
            _ => 5,
        };

        public bool Selectable => State is State.Addable or State.OnChart;

        /// <summary>What a screen reader says for the shape: "Cheeks — 1.5 mm last time".</summary>
        public string AccessibleName
        {
            get
            {
                var last = Last is { DepthMm: { } depth } ? $"{Mm(depth)} last time" : Last is not null ? "treated before, no depth recorded" : "not treated before";
                return State switch
                {
                    State.NeverTreat => $"{Name} — never treated",
                    State.NoBand => $"{Name} — no depth band in clinical settings yet, cannot be charted",
                    State.OnChart => $"{Name} — on this chart, {(DepthMm is { } now ? Mm(now) : "no depth yet")}; {last}",
                    _ => $"{Name} — {last}",
                };
            }
        }
    }

    public sealed record Map(IReadOnlyList<Area> Drawn, IReadOnlyList<Area> NotDrawn)
    {
        public Area? For(string shape) => Drawn.FirstOrDefault(a => a.Shape == shape);
    }

    /// <summary>The legend's bands, for the colours.</summary>
    public static readonly IReadOnlyList<string> Bands = ["no depth yet", "up to 0.5 mm", "0.5 to 1.0 mm", "1.0 to 1.5 mm", "1.5 to 2.0 mm", "over 2.0 mm"];

    public static Map Build(IReadOnlyList<Catalogue> areas, IReadOnlyList<SaveChart.AreaForm> charted, IReadOnlyDictionary<Guid, LastTime> last)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(charted);
        ArgumentNullException.ThrowIfNull(last);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var drawn = new List<Area>();
        var notDrawn = new List<Area>();
        foreach (var catalogue in areas)
        {
            var row = charted.Select((a, i) => (a, i)).Where(x => x.a.BodyAreaId == catalogue.Id).Select(x => (int?)x.i).FirstOrDefault();
            var state = row is not null ? State.OnChart
                : catalogue.NeverTreat ? State.NeverTreat
                : catalogue.CanBeCharted ? State.Addable
                : State.NoBand;
            var shape = ShapeFor(catalogue.Name);
            var area = new Area(catalogue.Id, catalogue.Name, null, state, row is { } r ? charted[r].DepthMm : null,
                last.TryGetValue(catalogue.Id, out var l) ? l : null, row);
            if (shape is not null && taken.Add(shape))
            {
                drawn.Add(area with { Shape = shape });
            }
            else
            {
                notDrawn.Add(area);
            }
        }

        return new Map(drawn, notDrawn);
    }

    /// <summary>The drawing's shape for an area's name ("Jawline and chin" → jaw), or null when it has none.</summary>
    public static string? ShapeFor(string name)
    {
        var n = (name ?? string.Empty).ToLowerInvariant();
        bool Has(params string[] words) => words.Any(w => n.Contains(w, StringComparison.Ordinal));
        return n switch
        {
            _ when Has("eyelid", "lid") => Shapes.Eyelids,
            _ when Has("under-eye", "under eye", "undereye", "tear trough", "infraorbital") => Shapes.UnderEye,
            _ when Has("forehead", "brow") => Shapes.Forehead,
            _ when Has("nose", "nasal") => Shapes.Nose,
            _ when Has("cheek") => Shapes.Cheeks,
            _ when Has("lip", "perioral") => Shapes.UpperLip,
            _ when Has("jaw", "chin") => Shapes.Jaw,
            _ when Has("neck") => Shapes.Neck,
            _ when Has("scalp", "hairline") => Shapes.Scalp,
            _ when Has("hand") => Shapes.Hands,
            _ when Has("arm") => Shapes.Arms,
            _ when Has("chest", "décolleté", "decollete", "décolletage", "decolletage") => Shapes.Chest,
            _ when Has("abdomen", "stomach", "belly", "tummy") => Shapes.Abdomen,
            _ when Has("thigh", "buttock", "leg") => Shapes.Thighs,
            _ when Has("back") => Shapes.Back,
            _ => null,
        };
    }

    private static string Mm(decimal depth) => depth.ToString("0.0#", CultureInfo.InvariantCulture) + " mm";

    /// <summary>The drawing: each shape's SVG parts (viewBox 0 0 720 500) and where its depth is written.</summary>
    public static class Shapes
    {
        public const string Scalp = "scalp";
        public const string Forehead = "forehead";
        public const string Eyelids = "eyelids";
        public const string UnderEye = "under-eye";
        public const string Nose = "nose";
        public const string Cheeks = "cheeks";
        public const string UpperLip = "upper-lip";
        public const string Jaw = "jaw";
        public const string Neck = "neck";
        public const string Chest = "chest";
        public const string Abdomen = "abdomen";
        public const string Arms = "arms";
        public const string Hands = "hands";
        public const string Thighs = "thighs";
        public const string Back = "back";

        /// <summary>An SVG element: its tag and attributes (constants of the drawing, no user data).</summary>
        public sealed record Part(string Tag, string Attributes);

        public sealed record Shape(string Key, IReadOnlyList<Part> Parts, int LabelX, int LabelY);

        private static Part Ellipse(int cx, int cy, int rx, int ry) => new("ellipse", $"cx=\"{cx}\" cy=\"{cy}\" rx=\"{rx}\" ry=\"{ry}\"");

        private static Part Rect(int x, int y, int width, int height, int radius) =>
            new("rect", $"x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{height}\" rx=\"{radius}\"");

        private static Part Path(string d) => new("path", $"d=\"{d}\"");

        public static readonly IReadOnlyList<Shape> All =
        [
            new(Scalp, [Path("M52,176 C52,30 288,30 288,176 C250,112 90,112 52,176 Z")], 170, 92),
            new(Forehead, [Path("M70,210 C76,148 264,148 270,210 Z")], 170, 190),
            new(Eyelids, [Ellipse(120, 226, 32, 12), Ellipse(220, 226, 32, 12)], 0, 0),
            new(UnderEye, [Ellipse(120, 258, 34, 16), Ellipse(220, 258, 34, 16)], 120, 263),
            new(Nose, [Path("M154,222 L186,222 L200,300 L140,300 Z")], 170, 282),
            new(Cheeks, [Ellipse(92, 314, 36, 36), Ellipse(248, 314, 36, 36)], 92, 319),
            new(UpperLip, [Rect(134, 308, 72, 28, 12)], 170, 327),
            new(Jaw, [Path("M60,352 C78,396 128,380 170,380 C212,380 262,396 280,352 C284,404 236,432 170,432 C104,432 56,404 60,352 Z")], 170, 415),
            new(Neck, [Rect(126, 438, 88, 56, 8)], 170, 471),
            new(Chest, [Rect(458, 82, 104, 62, 10)], 510, 118),
            new(Abdomen, [Rect(464, 150, 92, 82, 10)], 510, 196),
            new(Arms, [Rect(416, 84, 36, 152, 16), Rect(568, 84, 36, 152, 16)], 434, 165),
            new(Hands, [Ellipse(434, 260, 20, 22), Ellipse(586, 260, 20, 22)], 434, 265),
            new(Thighs, [Rect(464, 238, 44, 112, 14), Rect(512, 238, 44, 112, 14)], 486, 300),
            new(Back, [Rect(626, 82, 80, 150, 12)], 666, 162),
        ];
    }
}
