using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>An issued invoice's receipt at the desk: printed from the page, downloaded as a PDF.</summary>
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
}
