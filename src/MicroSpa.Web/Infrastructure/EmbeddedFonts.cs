using PdfSharp.Fonts;

namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// The fonts PDFsharp draws with: Liberation Sans Regular and Bold (SIL Open Font License, Fonts/OFL.txt), embedded in
/// this assembly, so a PDF looks the same on every machine and needs no font installed. Every family asked for is
/// answered with Liberation Sans. PDFsharp takes one resolver for the whole process: <see cref="Install"/> gives it
/// the same instance however often it is called (PDFsharp's rule for a web server).
/// </summary>
public sealed class EmbeddedFonts : IFontResolver
{
    public const string Family = "Liberation Sans";

    private static readonly EmbeddedFonts Instance = new();
    private static readonly Lock Installing = new();

    private EmbeddedFonts()
    {
    }

    public static void Install()
    {
        lock (Installing)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance))
            {
                GlobalFontSettings.FontResolver = Instance;
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? "LiberationSans-Bold" : "LiberationSans-Regular", false, isItalic);

    public byte[] GetFont(string faceName)
    {
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream($"MicroSpa.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The font {faceName} is not embedded in MicroSpa.Web.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
