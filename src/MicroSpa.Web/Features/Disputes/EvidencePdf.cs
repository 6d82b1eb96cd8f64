using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace MicroSpa.Web.Features.Disputes;

/// <summary>
/// The evidence packet as one PDF for the bank (PDFsharp 6.2.4, as the receipts): the dispute and the payment, the
/// policy the client accepted with its full text and the acceptance's time, address and browser, the emails sent, the
/// appointment's history, then each receipt's own pages as the client got them. Liberation Sans with Unicode encoding,
/// so the text can be searched and read back; long texts wrap.
/// </summary>
public static class EvidencePdf
{
    public sealed class Handler(DisputeCase.Handler cases, ClinicMoney money, ReceiptPdf receiptPdf)
    {
        /// <summary>The packet's PDF and its file name, audited as a download; null for no such dispute.</summary>
        public async Task<(byte[] Content, string FileName)?> HandleAsync(string? id, CancellationToken cancellationToken) =>
            await cases.HandleAsync(id, DisputeCase.PacketAction, cancellationToken) is { } packet ? (Render(packet), packet.FileName) : null;

        public byte[] Render(DisputeCase.Result packet)
        {
            ArgumentNullException.ThrowIfNull(packet);
            EmbeddedFonts.Install();
            using var document = new PdfDocument();
            document.Info.Title = $"Dispute {packet.Id}: evidence";
            document.Info.Author = packet.ClinicName;
            document.Info.Creator = "MicroSpa";
            using (var writer = new Writer(document))
            {
                Draw(packet, writer);
            }

            foreach (var receipt in packet.Receipts)
            {
                using var pages = PdfReader.Open(new MemoryStream(receiptPdf.Render(receipt)), PdfDocumentOpenMode.Import);
                foreach (var page in pages.Pages)
                {
                    document.AddPage(page);
                }
            }

            using var stream = new MemoryStream();
            document.Save(stream, false);
            return stream.ToArray();
        }

        private void Draw(DisputeCase.Result p, Writer w)
        {
            var culture = money.Culture;
            string When(DateTime local) => local.ToString("d MMMM yyyy, HH:mm", culture);
            string M(decimal amount, string currency) => money.Format(new Domain.Billing.Money(amount, currency));

            w.Text($"{p.ClinicName}: evidence for dispute {p.Id}", w.Title);
            w.Text($"Prepared {When(p.LocalPrepared)} (times in the clinic's time zone).", w.Small);
            w.Gap();
            w.Text("The dispute", w.Heading);
            w.Pair("Opened", When(p.LocalOpened));
            w.Pair("Amount", M(p.Amount, p.Currency));
            w.Pair("Reason", p.Reason);
            w.Pair("Status", p.Status);
            if (p.LocalDueBy is { } due)
            {
                w.Pair("Respond by", When(due));
            }

            w.Pair("Charge", p.ChargeId);
            w.Pair("Client", p.Client is null ? "Not known to MicroSpa (a charge it did not take)" : $"{p.Client}{(p.ClientEmail is null ? string.Empty : $" <{p.ClientEmail}>")}");

            w.Gap();
            w.Text("The payment", w.Heading);
            if (p.Paid is { } paid)
            {
                w.Pair("What for", paid.PurposeWords);
                w.Pair("Amount", M(paid.Amount, paid.Currency));
                w.Pair("Card", paid.Card);
                w.Pair("Paid", When(paid.LocalReceived));
                w.Pair("Payment intent", paid.PaymentIntentId);
                foreach (var refund in paid.Refunds)
                {
                    w.Pair("Refunded", $"{M(refund.Amount, paid.Currency)} on {When(refund.LocalAt)} ({refund.Reason}, {refund.Id})");
                }
            }
            else
            {
                w.Text("MicroSpa took no online payment with this charge.");
            }

            if (p.Visit is { } visit)
            {
                w.Gap();
                w.Text("The appointment", w.Heading);
                w.Pair("Service", $"{visit.Service} with {visit.Provider}");
                w.Pair("When", $"{When(visit.LocalStarts)} to {visit.LocalEnds.ToString("HH:mm", culture)}");
                w.Pair("Booked", $"{When(visit.LocalBooked)}, {visit.Source}");
                w.Pair("Status", visit.Status);
            }

            w.Gap();
            w.Text("The payment policy the client accepted", w.Heading);
            if (p.Acceptances.Count == 0)
            {
                w.Text("No acceptance of the payment policy is recorded for this appointment.");
            }

            foreach (var a in p.Acceptances)
            {
                w.Pair("Accepted", When(a.LocalAccepted));
                w.Pair("From address", a.Address ?? "—");
                w.Pair("Browser", a.Browser ?? "—");
                w.Pair("Asked", a.Asked);
                w.Pair("Policy", $"Version {a.PolicyVersion}, published {When(a.LocalPublished)}");
                w.Text(a.PolicyText);
                w.Gap();
            }

            w.Gap();
            w.Text("Emails sent about the appointment", w.Heading);
            if (p.Emails.Count == 0)
            {
                w.Text("None.");
            }

            foreach (var e in p.Emails)
            {
                w.Text($"{e.Kind}: \"{e.Subject}\" to {e.To}, queued {When(e.LocalQueued)}, {(e.LocalSent is { } sent ? $"sent {When(sent)}" : e.Status.ToLowerInvariant())}");
            }

            w.Gap();
            w.Text("The appointment's history", w.Heading);
            if (p.History.Count == 0)
            {
                w.Text("None.");
            }

            foreach (var h in p.History)
            {
                w.Text($"{When(h.LocalAt)} · {h.What} · {h.By}");
            }

            w.Gap();
            w.Text(p.Receipts.Count == 0 ? "No receipt: the visit has no issued invoice." : $"Receipts: {p.Receipts.Count}, on the pages that follow.", w.Heading);
        }
    }

    /// <summary>Writes down the page, wrapping long lines and starting a new page when the current one is full.</summary>
    private sealed class Writer : IDisposable
    {
        private const double Margin = 50;
        private const double LabelWidth = 110;
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
        public XFont Title { get; } = new(EmbeddedFonts.Family, 15, XFontStyleEx.Bold, Unicode);

        private double Width => _page.Width.Point - (2 * Margin);

        public void Text(string text, XFont? font = null) => Lines(text, font ?? Regular, Margin, Width);

        /// <summary>A label and its value beside it, the value wrapped in its column.</summary>
        public void Pair(string label, string value)
        {
            var lines = Wrap(value, Regular, Width - LabelWidth);
            var height = LineHeight(Regular);
            Room(height);
            _graphics.DrawString(label, Bold, XBrushes.Black, new XRect(Margin, _y, LabelWidth - 8, height), XStringFormats.TopLeft);
            foreach (var line in lines)
            {
                Room(height);
                _graphics.DrawString(line, Regular, XBrushes.Black, new XRect(Margin + LabelWidth, _y, Width - LabelWidth, height), XStringFormats.TopLeft);
                _y += height;
            }
        }

        public void Gap() => _y += 7;

        public void Dispose() => _graphics.Dispose();

        private void Lines(string text, XFont font, double left, double width)
        {
            var height = LineHeight(font);
            foreach (var line in Wrap(text, font, width))
            {
                Room(height);
                _graphics.DrawString(line, font, XBrushes.Black, new XRect(left, _y, width, height), XStringFormats.TopLeft);
                _y += height;
            }
        }

        private static double LineHeight(XFont font) => Math.Max(14, font.Size + 5);

        /// <summary>The text in lines that fit the width: its own line breaks kept, words moved down, a word longer than the line cut.</summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                var line = string.Empty;
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = line.Length == 0 ? word : line + " " + word;
                    if (Fits(candidate, font, width))
                    {
                        line = candidate;
                        continue;
                    }

                    if (line.Length > 0)
                    {
                        lines.Add(line);
                    }

                    line = word;
                    while (!Fits(line, font, width) && line.Length > 1)
                    {
                        var cut = line.Length - 1;
                        while (cut > 1 && !Fits(line[..cut], font, width))
                        {
                            cut--;
                        }

                        lines.Add(line[..cut]);
                        line = line[cut..];
                    }
                }

                lines.Add(line);
            }

            return lines;
        }

        private bool Fits(string text, XFont font, double width) => _graphics.MeasureString(text, font).Width <= width;

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
    }
}
