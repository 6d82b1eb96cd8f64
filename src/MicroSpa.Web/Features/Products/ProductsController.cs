using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Products;

/// <summary>The retail products sold at the desk: the desk sees them and their stock; prices and the range are the Admin's.</summary>
[Route("products")]
public sealed class ProductsController : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.FrontDesk)]
    public async Task<IActionResult> Products([FromServices] ProductCatalog.Handler catalog, CancellationToken cancellationToken) =>
        View(await catalog.HandleAsync(cancellationToken));

    [HttpGet("new")]
    [Authorize(Policy = Policies.Admin)]
    public IActionResult NewProduct() => View("Product", new ProductPage(null, new SaveProduct.Command { LowStockThreshold = 3 }));

    [HttpGet("{id:guid}")]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> EditProduct(Guid id, [FromServices] ProductCatalog.Handler catalog, CancellationToken cancellationToken) =>
        await catalog.FormAsync(id, cancellationToken) is { } form ? View("Product", new ProductPage(id, form)) : NotFound();

    [HttpPost("new")]
    [Authorize(Policy = Policies.Admin)]
    public Task<IActionResult> CreateProduct([Bind(Prefix = "Form")] SaveProduct.Command command, [FromServices] SaveProduct.Handler handler, CancellationToken cancellationToken) =>
        SaveAsync(null, command, handler, cancellationToken);

    [HttpPost("{id:guid}")]
    [Authorize(Policy = Policies.Admin)]
    public Task<IActionResult> UpdateProduct(
        Guid id, [Bind(Prefix = "Form")] SaveProduct.Command command, [FromServices] SaveProduct.Handler handler, CancellationToken cancellationToken) =>
        SaveAsync(id, command, handler, cancellationToken);

    [HttpPost("{id:guid}/active")]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> ProductActive(Guid id, bool active, [FromServices] RetireProduct.Handler handler, CancellationToken cancellationToken)
    {
        if (!await handler.HandleAsync(id, active, cancellationToken))
        {
            return NotFound();
        }

        TempData[OutcomeAnswers.Notice] = active
            ? "The product is sold again."
            : "The product is retired: it can no longer be sold and stays on past invoices.";
        return RedirectToAction(nameof(Products));
    }

    private Task<IActionResult> SaveAsync(Guid? id, SaveProduct.Command command, SaveProduct.Handler handler, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            async () => await handler.HandleAsync(id, command, cancellationToken) is { } result ? result.Outcome : null,
            () => RedirectToAction(nameof(Products)),
            () => Task.FromResult<IActionResult?>(View("Product", new ProductPage(id, command))),
            prefix: "Form",
            notice: $"{(command.Name ?? string.Empty).Trim()} saved.");
}

public sealed record ProductPage(Guid? Id, SaveProduct.Command Form);
