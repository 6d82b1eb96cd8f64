using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Products;

/// <summary>A product's stock, kept by the desk: receive a delivery, count the shelf, write off (each an entry with who and why).</summary>
[Authorize(Policy = Policies.FrontDesk)]
[Route("products/{id:guid}/stock")]
public sealed class StockController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Stock(Guid id, [FromServices] StockHistory.Handler history, CancellationToken cancellationToken) =>
        await history.HandleAsync(id, cancellationToken) is { } page ? View(page) : NotFound();

    [HttpPost("receive")]
    public Task<IActionResult> Receive(
        Guid id, [Bind(Prefix = "Receive")] ReceiveStock.Command command, [FromServices] ReceiveStock.Handler handler,
        [FromServices] StockHistory.Handler history, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            () => RedirectToAction(nameof(Stock), new { id }),
            async () => await history.HandleAsync(id, cancellationToken) is { } page ? View(nameof(Stock), page with { Receive = command }) : null,
            prefix: "Receive",
            notice: $"{command.Quantity} received.");

    [HttpPost("count")]
    public Task<IActionResult> Count(
        Guid id, [Bind(Prefix = "Count")] CountStock.Command command, [FromServices] CountStock.Handler handler,
        [FromServices] StockHistory.Handler history, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            () => RedirectToAction(nameof(Stock), new { id }),
            async () => await history.HandleAsync(id, cancellationToken) is { } page ? View(nameof(Stock), page with { Count = command }) : null,
            prefix: "Count",
            notice: $"Count of {command.Counted} recorded.");

    [HttpPost("write-off")]
    public Task<IActionResult> WriteOff(
        Guid id, [Bind(Prefix = "WriteOff")] WriteOffStock.Command command, [FromServices] WriteOffStock.Handler handler,
        [FromServices] StockHistory.Handler history, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            () => RedirectToAction(nameof(Stock), new { id }),
            async () => await history.HandleAsync(id, cancellationToken) is { } page ? View(nameof(Stock), page with { WriteOff = command }) : null,
            prefix: "WriteOff",
            notice: $"{command.Quantity} written off.");
}
