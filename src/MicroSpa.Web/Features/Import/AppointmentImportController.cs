using System.Text;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// The Admin's import of appointments (decision 056), after the upload: map the columns, map the service and provider
/// names, read the dry run (on the page and as CSV), confirm as one batch.
/// </summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/import/{id:guid}/appointments")]
public sealed class AppointmentImportController : Controller
{
    [HttpGet("mapping")]
    public async Task<IActionResult> Mapping(Guid id, [FromServices] AppointmentMappingPage.Handler page, CancellationToken cancellationToken) =>
        await page.HandleAsync(id, null, null, cancellationToken) is { } result ? View("AppointmentMapping", result) : NotFound();

    [HttpPost("mapping")]
    public Task<IActionResult> Map(
        Guid id, MapAppointmentColumns.Command command, [FromServices] MapAppointmentColumns.Handler handler,
        [FromServices] AppointmentMappingPage.Handler page, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            () => Redirect($"/admin/import/{id}/appointments/names"),
            async () => await page.HandleAsync(id, command.Fields, command.DayFirst, cancellationToken) is { } result ? View("AppointmentMapping", result) : null);

    [HttpGet("names")]
    public async Task<IActionResult> Names(Guid id, [FromServices] NamesPage.Handler page, CancellationToken cancellationToken) =>
        await page.HandleAsync(id, null, cancellationToken) is { } result ? View(result) : NotFound();

    [HttpPost("names")]
    public Task<IActionResult> MapNames(
        Guid id, MapNames.Command command, [FromServices] MapNames.Handler handler, [FromServices] NamesPage.Handler page,
        CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            () => Redirect($"/admin/import/{id}/appointments/dry-run"),
            async () => await page.HandleAsync(id, command, cancellationToken) is { } result ? View(nameof(Names), result) : null);

    [HttpGet("dry-run")]
    public async Task<IActionResult> DryRun(
        Guid id, RowAction? show, int page, [FromServices] AppointmentDryRun.Handler handler, CancellationToken cancellationToken)
    {
        if (await handler.HandleAsync(id, cancellationToken) is not { } dryRun)
        {
            return NotFound();
        }

        if (!dryRun.Mapped)
        {
            return Redirect($"/admin/import/{id}/appointments/mapping");
        }

        var shown = dryRun.Findings.Where(f => show is null || f.Action == show).ToList();
        var pages = Math.Max(1, (shown.Count + DryRunController.PageSize - 1) / DryRunController.PageSize);
        var current = Math.Clamp(page, 1, pages);
        return View("AppointmentDryRun", new AppointmentDryRunPage(dryRun, show, current, pages,
            [.. shown.Skip((current - 1) * DryRunController.PageSize).Take(DryRunController.PageSize)]));
    }

    [HttpGet("dry-run.csv")]
    public async Task<IActionResult> DryRunCsvFile(Guid id, [FromServices] AppointmentDryRun.Handler handler, CancellationToken cancellationToken)
    {
        if (await handler.HandleAsync(id, cancellationToken) is not { Mapped: true } dryRun)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        return File(Encoding.UTF8.GetBytes(AppointmentDryRunCsv.Write(dryRun)), "text/csv; charset=utf-8", "appointments-dry-run.csv");
    }

    [HttpPost("confirm")]
    public async Task<IActionResult> Confirm(Guid id, [FromServices] ConfirmAppointmentImport.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(
            await handler.HandleAsync(id, cancellationToken),
            batch => Redirect($"/admin/import/batches/{batch}"),
            notice: _ => "Imported.",
            refused: () => Redirect($"/admin/import/{id}/appointments/dry-run"));
}

public sealed record AppointmentDryRunPage(
    AppointmentDryRun.Result DryRun, RowAction? Show, int Page, int Pages, IReadOnlyList<AppointmentDryRun.Finding> Findings);
