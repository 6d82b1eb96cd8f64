using MicroSpa.Domain.Imports;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Import;

/// <summary>The Admin's import of clients (decisions 043, 044): upload a CSV, map its columns; nothing is written to the clients yet.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/import")]
public sealed class ImportController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Upload([FromServices] UploadPage.Handler page, CancellationToken cancellationToken) =>
        View(await page.HandleAsync(new UploadClients.Command(), cancellationToken));

    [HttpPost("")]
    [RefuseLargeUpload]
    [RequestSizeLimit(RefuseLargeUploadAttribute.RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = RefuseLargeUploadAttribute.RequestLimit)]
    public Task<IActionResult> Upload(
        [Bind(Prefix = "Form")] UploadClients.Command command, [FromServices] UploadClients.Handler handler, [FromServices] UploadPage.Handler page,
        CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            async () => await handler.HandleAsync(command, cancellationToken),
            id => Redirect(command.Kind == ImportKind.Appointments ? $"/admin/import/{id}/appointments/mapping" : $"/admin/import/{id}/mapping"),
            async () => View(await page.HandleAsync(command, cancellationToken)),
            prefix: "Form");

    [HttpGet("{id:guid}/mapping")]
    public async Task<IActionResult> Mapping(Guid id, [FromServices] MappingPage.Handler page, CancellationToken cancellationToken) =>
        await page.HandleAsync(id, null, null, cancellationToken) is { } result ? View(result) : NotFound();

    [HttpPost("{id:guid}/mapping")]
    public Task<IActionResult> Map(
        Guid id, MapColumns.Command command, [FromServices] MapColumns.Handler handler, [FromServices] MappingPage.Handler page,
        CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            () => Redirect($"/admin/import/{id}/dry-run"),
            async () => await page.HandleAsync(id, command.Fields, command.DayFirst, cancellationToken) is { } result ? View(nameof(Mapping), result) : null);
}
