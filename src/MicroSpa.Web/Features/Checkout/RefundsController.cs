using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>Money going back: a payment refunded to its tender (the Refund policy), an invoice voided (the desk).</summary>
[Route("checkout/invoices/{id:guid}")]
public sealed class RefundsController : Controller
{
    [Authorize(Policy = Policies.Refund)]
    [HttpPost("refund")]
    public Task<IActionResult> Refund(
        Guid id, RefundPayment.Command command, [FromServices] RefundPayment.Handler handler, [FromServices] InvoicePage.Handler page, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            () => Back(id),
            async () => await page.HandleAsync(id, cancellationToken) is { } invoice ? View("Invoice", invoice) : null,
            notice: "Refund recorded.");

    [Authorize(Policy = Policies.Checkout)]
    [HttpPost("void")]
    public Task<IActionResult> Void(
        Guid id, VoidInvoice.Command command, [FromServices] VoidInvoice.Handler handler, [FromServices] InvoicePage.Handler page, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            () => Back(id),
            async () => await page.HandleAsync(id, cancellationToken) is { } invoice ? View("Invoice", invoice) : null,
            notice: "The invoice is voided.");

    private RedirectToActionResult Back(Guid id) => RedirectToAction(nameof(InvoicesController.Invoice), "Invoices", new { id });
}
