using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>One invoice while the desk puts it together: products, added areas, discounts, the tip; then it is issued.</summary>
[Authorize(Policy = Policies.Checkout)]
[Route("checkout/invoices/{id:guid}")]
public sealed class InvoicesController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Invoice(Guid id, [FromServices] InvoicePage.Handler page, CancellationToken cancellationToken) =>
        await page.HandleAsync(id, cancellationToken) is { } invoice ? View(invoice) : NotFound();

    [HttpPost("retail")]
    public Task<IActionResult> AddRetail(
        Guid id, AddRetailLine.Command command, [FromServices] AddRetailLine.Handler handler, [FromServices] InvoicePage.Handler page, CancellationToken cancellationToken) =>
        Edit(id, () => handler.HandleAsync(id, command, cancellationToken), page, "Product added.", cancellationToken);

    [HttpPost("packages")]
    public Task<IActionResult> AddPackage(
        Guid id, AddPackageLine.Command command, [FromServices] AddPackageLine.Handler handler, [FromServices] InvoicePage.Handler page, CancellationToken cancellationToken) =>
        Edit(id, () => handler.HandleAsync(id, command, cancellationToken), page, "Package added: its credits are the client's once the invoice is paid.", cancellationToken);

    [HttpPost("membership-month")]
    public Task<IActionResult> AddMembershipMonth(
        Guid id, AddMembershipLine.Command command, [FromServices] AddMembershipLine.Handler handler, [FromServices] InvoicePage.Handler page, CancellationToken cancellationToken) =>
        Edit(id, () => handler.HandleAsync(id, command, cancellationToken), page, "Membership month added: it is paid, and its sessions are the client's, once the invoice is paid.", cancellationToken);

    [HttpPost("gift-cards")]
    public Task<IActionResult> AddGiftCard(
        Guid id, AddGiftCardLine.Command command, [FromServices] AddGiftCardLine.Handler handler, [FromServices] InvoicePage.Handler page, CancellationToken cancellationToken) =>
        Edit(id, () => handler.HandleAsync(id, command, cancellationToken), page, "Gift card added: its code is shown once the invoice is paid in full.", cancellationToken);

    [HttpPost("areas")]
    public Task<IActionResult> AddArea(
        Guid id, AddAreaLine.Command command, [FromServices] AddAreaLine.Handler handler, [FromServices] InvoicePage.Handler page, CancellationToken cancellationToken) =>
        Edit(id, () => handler.HandleAsync(id, command, cancellationToken), page, "Area added.", cancellationToken);

    [HttpPost("discount")]
    public Task<IActionResult> Discount(
        Guid id, DiscountLine.Command command, [FromServices] DiscountLine.Handler handler, [FromServices] InvoicePage.Handler page, CancellationToken cancellationToken) =>
        Edit(id, () => handler.HandleAsync(id, command, cancellationToken), page, "Discount given.", cancellationToken);

    [HttpPost("tip")]
    public Task<IActionResult> Tip(
        Guid id, AddTip.Command command, [FromServices] AddTip.Handler handler, [FromServices] InvoicePage.Handler page, CancellationToken cancellationToken) =>
        Edit(id, () => handler.HandleAsync(id, command, cancellationToken), page, "Tip added.", cancellationToken);

    [HttpPost("lines/remove")]
    public Task<IActionResult> RemoveLine(
        Guid id, RemoveLine.Command command, [FromServices] RemoveLine.Handler handler, [FromServices] InvoicePage.Handler page, CancellationToken cancellationToken) =>
        Edit(id, () => handler.HandleAsync(id, command, cancellationToken), page, "Line removed.", cancellationToken);

    [HttpPost("issue")]
    public Task<IActionResult> Issue(Guid id, [FromServices] IssueInvoice.Handler handler, [FromServices] InvoicePage.Handler page, CancellationToken cancellationToken) =>
        Edit(id, () => handler.HandleAsync(id, cancellationToken), page, "The invoice is issued: take payment.", cancellationToken);

    private Task<IActionResult> Edit(Guid id, Func<Task<Outcome?>> useCase, InvoicePage.Handler page, string notice, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            useCase,
            () => RedirectToAction(nameof(Invoice), new { id }),
            async () => await page.HandleAsync(id, cancellationToken) is { } invoice ? View(nameof(Invoice), invoice) : null,
            notice: notice);
}
