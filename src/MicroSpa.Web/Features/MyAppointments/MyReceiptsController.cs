using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.MyAppointments;

/// <summary>The client's receipts under My appointments: the list, each receipt, and its PDF.</summary>
[Authorize(Policy = Policies.Client)]
[Route("my/appointments/receipts")]
public sealed class MyReceiptsController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] MyReceipts.Handler handler, CancellationToken cancellationToken) =>
        View("Receipts", await handler.ListAsync(cancellationToken));

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Receipt(Guid id, [FromServices] MyReceipts.Handler handler, CancellationToken cancellationToken) =>
        await handler.OneAsync(id, cancellationToken) is { } receipt ? View(receipt) : NotFound();

    [HttpGet("{id:guid}/pdf")]
    public async Task<IActionResult> Pdf(Guid id, [FromServices] MyReceipts.Handler handler, [FromServices] ReceiptPdf pdf, CancellationToken cancellationToken) =>
        await handler.OneAsync(id, cancellationToken) is { } receipt ? File(pdf.Render(receipt), "application/pdf", receipt.FileName) : NotFound();
}
