using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>An issued invoice's receipt at the desk: printed from the page, downloaded as a PDF, emailed to the client.</summary>
[Authorize(Policy = Policies.Checkout)]
[Route("checkout/invoices/{id:guid}/receipt")]
public sealed class ReceiptsController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Receipt(Guid id, [FromServices] Receipts.Handler receipts, CancellationToken cancellationToken) =>
        await receipts.ForInvoiceAsync(id, null, cancellationToken) is { } receipt ? View(receipt) : NotFound();

    [HttpGet("pdf")]
    public async Task<IActionResult> Pdf(Guid id, [FromServices] Receipts.Handler receipts, [FromServices] ReceiptPdf pdf, CancellationToken cancellationToken) =>
        await receipts.ForInvoiceAsync(id, null, cancellationToken) is { } receipt ? File(pdf.Render(receipt), "application/pdf", receipt.FileName) : NotFound();

    [HttpPost("email")]
    public Task<IActionResult> Email(
        Guid id, EmailReceipt.Command command, [FromServices] EmailReceipt.Handler handler, [FromServices] InvoicePage.Handler page, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            () => RedirectToAction(nameof(InvoicesController.Invoice), "Invoices", new { id }),
            async () => await page.HandleAsync(id, cancellationToken) is { } invoice ? View("Invoice", invoice) : null,
            notice: "The receipt is on its way to the client's email.");
}
