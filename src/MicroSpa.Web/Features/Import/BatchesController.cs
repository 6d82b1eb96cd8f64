using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Import;

/// <summary>An import confirmed as one batch (decision 044), its page, and its undo while nothing depends on it.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/import")]
public sealed class BatchesController : Controller
{
    [HttpPost("{id:guid}/confirm")]
    public async Task<IActionResult> Confirm(Guid id, ConfirmImport.Command command, [FromServices] ConfirmImport.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(
            await handler.HandleAsync(id, command, cancellationToken),
            batch => Redirect($"/admin/import/batches/{batch}"),
            notice: _ => "Imported.",
            refused: () => Redirect($"/admin/import/{id}/dry-run"));

    [HttpGet("batches/{id:guid}")]
    public async Task<IActionResult> Batch(Guid id, [FromServices] BatchPage.Handler page, CancellationToken cancellationToken) =>
        await page.HandleAsync(id, cancellationToken) is { } batch ? View(batch) : NotFound();

    [HttpPost("batches/{id:guid}/undo")]
    public async Task<IActionResult> Undo(Guid id, [FromServices] UndoImport.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.HandleAsync(id, cancellationToken), () => Redirect($"/admin/import/batches/{id}"),
            notice: "The import was undone: the clients it created are removed, the ones it changed are as they were.");
}
