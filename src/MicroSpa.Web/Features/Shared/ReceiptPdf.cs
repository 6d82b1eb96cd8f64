using MicroSpa.Web.Infrastructure;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// A receipt as a PDF (PDFsharp 6.2.4, MIT): one A4 page or more, with what the printed receipt shows, amounts in the
/// clinic's money format. Fonts are the embedded Liberation Sans (<see cref="EmbeddedFonts"/>) with Unicode
/// encoding, so any name prints and the text can be read back (copied, searched, read aloud).
/// </summary>
public sealed class ReceiptPdf(ClinicMoney money)
{
    private const double Margin = 50;
    private const double LineHeight = 15;

    public byte[] Render(Receipts.Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        EmbeddedFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = $"Receipt {receipt.Number}";
        document.Info.Author = receipt.ClinicName;
        document.Info.Creator = "MicroSpa";
        var writer = new Writer(document);
        Draw(receipt, writer);
        writer.Dispose();
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private void Draw(Receipts.Receipt r, Writer w)
    {
        var culture = money.Culture;
        string M(decimal amount) => money.Format(amount);
        string When(DateTime local) => local.ToString("g", culture);

        w.Text(r.ClinicName, w.Title);
        w.Text(r.ClinicAddress);
        w.Text(r.ClinicPhone);
        w.Gap();
        w.Text($"Receipt · Invoice {r.Number}", w.Heading);
        w.Text($"Date: {r.LocalIssued.ToString("d MMMM yyyy, t", culture)}");
        w.Text($"Client: {r.Client}");
        if (r.Voided)
        {
            w.Text("This invoice is voided.", w.Bold);
        }

        w.Gap();
        w.Row(w.Bold, "Item", "Qty", "Price", "Discount", "Amount");
        foreach (var line in r.Lines)
        {
            w.Row(w.Regular, line.Description, line.Quantity.ToString(culture), M(line.UnitPrice), line.Discount > 0 ? "−" + M(line.Discount) : string.Empty, M(line.Amount));
            if (line.Provider is not null || line.DiscountReason is not null)
            {
                w.Text("   " + string.Join(" · ", new[] { line.Provider, line.DiscountReason }.OfType<string>()), w.Small);
            }
        }

        w.Gap();
        w.Total("Subtotal", M(r.Subtotal));
        if (r.Discounts > 0)
        {
            w.Total("Discounts included", "−" + M(r.Discounts));
        }

        foreach (var tax in r.Taxes)
        {
            w.Total($"{tax.Label} {tax.RatePercent.ToString("0.###", culture)} %", M(tax.Amount));
        }

        if (r.Tips > 0)
        {
            w.Total("Tips", M(r.Tips));
        }

        if (r.Total != r.Charged)
        {
            w.Total("Charged", M(r.Charged));
            w.Total(r.Voided ? "Voided" : "Given back", "−" + M(r.Charged - r.Total));
        }

        w.Total("Total", M(r.Total), w.Bold);
        w.Total("Paid", M(r.Paid));
        if (r.Refunded > 0)
        {
            w.Total("Refunded", "−" + M(r.Refunded));
        }

        w.Total("Still due", M(r.Due), w.Bold);
        if (r.Payments.Count > 0)
        {
            w.Gap();
            w.Text("Payments", w.Heading);
            foreach (var p in r.Payments)
            {
                var cash = p.CashTendered is { } handed ? $" (handed over {M(handed)}, change {M(p.Change ?? 0m)})" : string.Empty;
                w.Text($"{When(p.LocalAt)} · {p.Description} · {M(p.Amount)}{cash}");
            }
        }

        if (r.MoneyBack.Count > 0)
        {
            w.Gap();
            w.Text("Refunds and voids", w.Heading);
            foreach (var back in r.MoneyBack)
            {
                w.Text($"{When(back.LocalAt)} · {back.Description} · {M(back.Amount)}{(back.Reason is null ? string.Empty : " · " + back.Reason)}");
            }
        }

        w.Gap();
        w.Text("Thank you for your visit.", w.Small);
    }

    /// <summary>Writes down the page, starting a new one when the current one is full.</summary>
    private sealed class Writer : IDisposable
    {
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
        private static readonly double[] Columns = [0, 270, 310, 380, 445];
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

        public void Text(string text, XFont? font = null)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            font ??= Regular;
            Room(font.Size + 5);
            _graphics.DrawString(Fit(text, font, Width), font, XBrushes.Black, new XRect(Margin, _y, Width, font.Size + 5), XStringFormats.TopLeft);
            _y += Math.Max(LineHeight, font.Size + 5);
        }

        public void Row(XFont font, string item, string quantity, string price, string discount, string amount)
        {
            Room(LineHeight);
            _graphics.DrawString(Fit(item, font, Columns[1] - 8), font, XBrushes.Black, new XRect(Margin, _y, Columns[1] - 8, LineHeight), XStringFormats.TopLeft);
            string[] cells = [quantity, price, discount, amount];
            for (var i = 0; i < cells.Length; i++)
            {
                var right = i + 2 < Columns.Length ? Columns[i + 2] - 8 : Width;
                var left = Columns[i + 1];
                _graphics.DrawString(cells[i], font, XBrushes.Black, new XRect(Margin + left, _y, right - left, LineHeight), XStringFormats.TopRight);
            }

            _y += LineHeight;
        }

        public void Total(string label, string amount, XFont? font = null)
        {
            font ??= Regular;
            Room(LineHeight);
            _graphics.DrawString(label, font, XBrushes.Black, new XRect(Margin + Columns[2], _y, Columns[4] - Columns[2], LineHeight), XStringFormats.TopLeft);
            _graphics.DrawString(amount, font, XBrushes.Black, new XRect(Margin + Columns[4], _y, Width - Columns[4], LineHeight), XStringFormats.TopRight);
            _y += LineHeight;
        }

        public void Gap() => _y += LineHeight / 2;

        public void Dispose() => _graphics.Dispose();

        private void Room(double height)
        {
            if (_y + height > _page.Height.Point - Margin)
            {
                _graphics.Dispose();
                NewPage();
            }
        }

        private void NewPage()
        {
            _page = _document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        /// <summary>Shortens a text that would run past its column, with an ellipsis.</summary>
        private string Fit(string text, XFont font, double width)
        {
            if (_graphics.MeasureString(text, font).Width <= width)
            {
                return text;
            }

            var cut = text;
            while (cut.Length > 1 && _graphics.MeasureString(cut + "…", font).Width > width)
            {
                cut = cut[..^1];
            }

            return cut.TrimEnd() + "…";
        }
    }
}
