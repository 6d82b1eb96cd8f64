using System.Globalization;
using MicroSpa.Web.Infrastructure;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MicroSpa.Web.Features.ClientRecords;

/// <summary>
/// One signed chart as a PDF for the client's records (PDFsharp 6.2.4, MIT, decision 040): what the provider recorded,
/// who signed it and when, and its addenda. Liberation Sans embedded with Unicode encoding, so any name prints and the
/// text can be searched and read aloud; long text wraps onto further lines and pages.
/// </summary>
public static class ChartPdf
{
    private const double Margin = 50;

    public static byte[] Render(ClientRecordSet.Records records, ClientRecordSet.Chart chart)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(chart);
        EmbeddedFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = $"{(chart.Kind == "consultation" ? "Consultation record" : "Treatment record")} {chart.SessionDate:yyyy-MM-dd}";
        document.Info.Author = records.ClinicName;
        document.Info.Creator = "MicroSpa";
        using (var w = new Writer(document))
        {
            Draw(records, chart, w);
        }

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static void Draw(ClientRecordSet.Records r, ClientRecordSet.Chart c, Writer w)
    {
        static string When(DateTime local) => local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        static string Mm(decimal? depth) => depth is { } d ? d.ToString("0.00##", CultureInfo.InvariantCulture) + " mm" : "not recorded";

        w.Line(r.ClinicName, w.Title);
        w.Line(c.Kind == "consultation" ? "Consultation record" : "Treatment record", w.Heading);
        w.Line($"Client: {r.Client.FirstName} {r.Client.LastName}" + (r.Client.DateOfBirth is { } born ? $", born {born:yyyy-MM-dd}" : string.Empty));
        w.Line($"Session: {c.SessionDate:yyyy-MM-dd}, {c.Service}, with {c.Provider} (times in {r.TimeZone})");
        w.Line($"Signed by {c.SignedBy} on {When(c.SignedAtLocal)}" + (c.CoSignedBy is null ? string.Empty : $"; co-signed by {c.CoSignedBy}"));
        w.Gap();
        w.Field("Skin type (Fitzpatrick)", c.SkinType);
        w.Field("Skin assessment", c.SkinNotes);
        w.Field("Indications", c.Indications.Count == 0 ? null : string.Join(", ", c.Indications));
        if (c.Kind == "consultation")
        {
            w.Field("Findings", c.Findings);
            w.Field("Recommended plan", c.RecommendedPlan);
        }
        else
        {
            w.Field("Numbing", c.NumbingAgent is null ? null
                : c.NumbingAgent + (c.NumbingMinutes is { } minutes ? $", {minutes} minutes" : string.Empty) + (c.NumbingOccluded ? ", under occlusion" : string.Empty));
            w.Field("Device", c.Device);
            w.Field("Cartridge", c.CartridgeNeedles is null && c.CartridgeLot is null ? null
                : string.Join(", ", new[]
                {
                    c.CartridgeNeedles is { } n ? $"{n} needles" : null,
                    c.CartridgeLot is { } lot ? $"lot {lot}" : null,
                    c.CartridgeExpiry is { } expiry ? $"expires {expiry:yyyy-MM-dd}" : null,
                }.OfType<string>()));
            w.Gap();
            w.Line("Areas treated", w.Heading);
            foreach (var area in c.Areas)
            {
                w.Line($"{area.Area}: depth {Mm(area.DepthMm)}" + (area.Passes is { } passes ? $", {passes} passes" : string.Empty), w.Bold);
                w.Field("Serum", area.Serum is null ? null : area.Serum + (area.SerumLot is { } serumLot ? $" (lot {serumLot})" : string.Empty));
                w.Field("Endpoint", area.Endpoint);
                w.Field("Reaction", area.Reaction);
                w.Field("Reason given above the usual depth", area.ReasonAboveBand);
                w.Field("Rules at signing", area.RulesAtSigning);
            }
        }

        w.Gap();
        w.Field("Notes", c.Notes);
        w.Field("No before photos because", c.NoPhotosReason);
        if (c.Addenda.Count > 0)
        {
            w.Gap();
            w.Line("Addenda (added after signing)", w.Heading);
            foreach (var addendum in c.Addenda)
            {
                w.Field($"{When(addendum.AtLocal)}, {addendum.By}", addendum.Text);
            }
        }

        w.Gap();
        w.Line($"From the records of {r.ClinicName}, produced {r.ProducedAtUtc.UtcDateTime:yyyy-MM-dd HH:mm} UTC.", w.Small);
    }

    /// <summary>Writes down the page, wrapping long text and starting a new page when the current one is full.</summary>
    private sealed class Writer : IDisposable
    {
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
        private readonly PdfDocument _document;
        private XGraphics _graphics = null!;
        private PdfPage _page = null!;
        private double _y;

        public Writer(PdfDocument document)
        {
            _document = document;
            NewPage();
        }

        public XFont Regular { get; } = new(EmbeddedFonts.Family, 10, XFontStyleEx.Regular, Unicode);
        public XFont Small { get; } = new(EmbeddedFonts.Family, 8.5, XFontStyleEx.Regular, Unicode);
        public XFont Bold { get; } = new(EmbeddedFonts.Family, 10, XFontStyleEx.Bold, Unicode);
        public XFont Heading { get; } = new(EmbeddedFonts.Family, 12, XFontStyleEx.Bold, Unicode);
        public XFont Title { get; } = new(EmbeddedFonts.Family, 16, XFontStyleEx.Bold, Unicode);

        private double Width => _page.Width.Point - (2 * Margin);

        /// <summary>"Label: value", wrapped; nothing when there is no value.</summary>
        public void Field(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                Line($"{label}: {value}");
            }
        }

        public void Line(string text, XFont? font = null)
        {
            font ??= Regular;
            foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
            {
                foreach (var line in Wrap(paragraph, font))
                {
                    var height = font.Size + 5;
                    if (_y + height > _page.Height.Point - Margin)
                    {
                        _graphics.Dispose();
                        NewPage();
                    }

                    _graphics.DrawString(line, font, XBrushes.Black, new XRect(Margin, _y, Width, height), XStringFormats.TopLeft);
                    _y += Math.Max(15, height);
                }
            }
        }

        public void Gap() => _y += 7;

        public void Dispose() => _graphics.Dispose();

        private void NewPage()
        {
            _page = _document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        /// <summary>Breaks a paragraph at spaces so each line fits the page (a word longer than a line is cut).</summary>
        private List<string> Wrap(string paragraph, XFont font)
        {
            var lines = new List<string>();
            var current = string.Empty;
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (_graphics.MeasureString(candidate, font).Width <= Width)
                {
                    current = candidate;
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current);
                }

                current = word;
                while (current.Length > 1 && _graphics.MeasureString(current, font).Width > Width)
                {
                    var cut = current.Length - 1;
                    while (cut > 1 && _graphics.MeasureString(current[..cut], font).Width > Width)
                    {
                        cut--;
                    }

                    lines.Add(current[..cut]);
                    current = current[cut..];
                }
            }

            lines.Add(current);
            return lines;
        }
    }
}
