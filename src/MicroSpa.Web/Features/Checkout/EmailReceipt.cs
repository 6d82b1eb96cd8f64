using System.Globalization;
using System.Net;
using System.Text;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain.Audit;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Email;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// Emails an issued invoice's receipt to the client: the receipt in the message (HTML and plain text) and as a PDF
/// attached, through the outbox (sent and retried by the dispatcher), audited with the outbox message in one save.
/// A walk-in without a name, or a client without an email, gets a message instead. The form's submission id keys
/// the outbox message, so a double tap sends one email; emailing again later (after a refund) sends the receipt as
/// it is then.
/// </summary>
public static class EmailReceipt
{
    public sealed class Command
    {
        public Guid? SubmissionId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.SubmissionId).NotNull().WithMessage("The form is out of date: open the invoice again.");
    }

    public sealed class Handler(
        MicroSpaDbContext db, Receipts.Handler receipts, ReceiptPdf pdf, OutboxQueue outbox, ClinicMoney money, PublicLinks links, Actor actor,
        TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such invoice.</returns>
        public async Task<Outcome?> HandleAsync(Guid invoiceId, Command command, CancellationToken cancellationToken)
        {
            if (await receipts.ForInvoiceAsync(invoiceId, null, cancellationToken) is not { } receipt)
            {
                return await db.Invoices.AnyAsync(i => i.Id == invoiceId, cancellationToken)
                    ? Outcome.Fail("Finish the invoice first: a draft has no receipt.")
                    : null;
            }

            if (receipt.ClientEmail is not { } to)
            {
                return Outcome.Fail(receipt.ClientId is null
                    ? "This walk-in sale has no client, so there is no email to send the receipt to: print it instead."
                    : "This client has no email on file: add one on their profile, or print the receipt.");
            }

            var key = $"receipt:{invoiceId:N}:{command.SubmissionId!.Value:N}";
            if (await db.Outbox.AnyAsync(m => m.Key == key, cancellationToken))
            {
                return Outcome.Success;
            }

            var link = links.Action("Receipt", "MyReceipts", new { id = invoiceId });
            outbox.Add(key, "receipt", new EmailMessage(
                to, $"{receipt.ClinicName}: your receipt for invoice {receipt.Number}", Text(receipt, link), Html(receipt, link),
                [new EmailAttachment(receipt.FileName, "application/pdf", pdf.Render(receipt))]));
            db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.Name, receipt.ClientId, "money.receipt-email", invoiceId, clock.GetUtcNow(),
                $"invoice {receipt.Number}: receipt emailed (total {receipt.Total:0.00} {receipt.Currency})", actor.Address));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // The same form posted twice at once: the other request queued the email.
                db.ChangeTracker.Clear();
                return Outcome.Success;
            }

            logger.LogInformation("Receipt of invoice {InvoiceId} queued for email", invoiceId);
            return Outcome.Success;
        }

        private string M(decimal amount) => money.Format(amount);

        private string Text(Receipts.Receipt r, string link)
        {
            var culture = money.Culture;
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"Your receipt from {r.ClinicName} for invoice {r.Number}, {r.LocalIssued.ToString("d MMMM yyyy", culture)}.").AppendLine();
            foreach (var line in r.Lines)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{line.Description} × {line.Quantity}: {M(line.Amount)}{(line.Discount > 0 ? $" (discount {M(line.Discount)})" : string.Empty)}");
            }

            text.AppendLine();
            foreach (var (label, value) in Totals(r))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{label}: {value}");
            }

            foreach (var p in r.Payments)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"Paid {p.LocalAt.ToString("g", culture)}, {p.Description}: {M(p.Amount)}");
            }

            foreach (var back in r.MoneyBack)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{back.Description}, {back.LocalAt.ToString("g", culture)}: {M(back.Amount)}");
            }

            return text.AppendLine().AppendLine("The receipt is attached as a PDF. All your receipts: " + link).AppendLine().AppendLine(r.ClinicName).ToString();
        }

        private string Html(Receipts.Receipt r, string link)
        {
            var culture = money.Culture;
            var html = new StringBuilder();
            html.Append(CultureInfo.InvariantCulture, $"<p><strong>{E(r.ClinicName)}</strong><br>{E(r.ClinicAddress)}</p>");
            html.Append(CultureInfo.InvariantCulture, $"<h1 style=\"font-size:1.25em\">Receipt · Invoice {r.Number}</h1><p>{E(r.LocalIssued.ToString("d MMMM yyyy, t", culture))} · {E(r.Client)}</p>");
            html.Append("<table cellpadding=\"4\"><tr><th align=\"left\">Item</th><th align=\"right\">Qty</th><th align=\"right\">Amount</th></tr>");
            foreach (var line in r.Lines)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(line.Description)}{(line.Discount > 0 ? $" (discount {E(M(line.Discount))})" : string.Empty)}</td><td align=\"right\">{line.Quantity}</td><td align=\"right\">{E(M(line.Amount))}</td></tr>");
            }

            foreach (var (label, value) in Totals(r))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\" colspan=\"2\">{E(label)}</th><td align=\"right\">{E(value)}</td></tr>");
            }

            html.Append("</table><p>");
            foreach (var p in r.Payments)
            {
                html.Append(CultureInfo.InvariantCulture, $"Paid {E(p.LocalAt.ToString("g", culture))}, {E(p.Description)}: {E(M(p.Amount))}<br>");
            }

            foreach (var back in r.MoneyBack)
            {
                html.Append(CultureInfo.InvariantCulture, $"{E(back.Description)}, {E(back.LocalAt.ToString("g", culture))}: {E(M(back.Amount))}<br>");
            }

            return html.Append(CultureInfo.InvariantCulture, $"</p><p>The receipt is attached as a PDF. <a href=\"{E(link)}\">All your receipts</a></p>").ToString();
        }

        private IEnumerable<(string Label, string Value)> Totals(Receipts.Receipt r)
        {
            yield return ("Subtotal", M(r.Subtotal));
            foreach (var tax in r.Taxes)
            {
                yield return ($"{tax.Label} {tax.RatePercent.ToString("0.###", money.Culture)} %", M(tax.Amount));
            }

            if (r.Tips > 0)
            {
                yield return ("Tips", M(r.Tips));
            }

            yield return ("Total", M(r.Total));
            yield return ("Paid", M(r.Paid));
            if (r.Refunded > 0)
            {
                yield return ("Refunded", M(r.Refunded));
            }

            yield return ("Still due", M(r.Due));
        }

        private static string E(string value) => WebUtility.HtmlEncode(value);
    }
}
