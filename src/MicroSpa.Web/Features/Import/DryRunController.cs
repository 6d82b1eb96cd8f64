using System.Text;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Import;

/// <summary>The dry run of an import (decision 044): what confirming would do to each row, on the page and as CSV. Nothing is written.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/import/{id:guid}")]
public sealed class DryRunController : Controller
{
    public const int PageSize = 100;

    [HttpGet("dry-run")]
    public async Task<IActionResult> DryRun(
        Guid id, RowAction? show, int page, [FromServices] ImportDryRun.Handler handler, CancellationToken cancellationToken)
    {
        if (await handler.HandleAsync(id, cancellationToken) is not { } dryRun)
        {
            return NotFound();
        }

        if (!dryRun.Mapped)
        {
            return Redirect($"/admin/import/{id}/mapping");
        }

        var shown = dryRun.Findings.Where(f => show is null || f.Action == show).ToList();
        var pages = Math.Max(1, (shown.Count + PageSize - 1) / PageSize);
        var current = Math.Clamp(page, 1, pages);
        return View(new DryRunPage(dryRun, show, current, pages, shown.Count, [.. shown.Skip((current - 1) * PageSize).Take(PageSize)]));
    }

    [HttpGet("dry-run.csv")]
    public async Task<IActionResult> DryRunCsvFile(Guid id, [FromServices] ImportDryRun.Handler handler, CancellationToken cancellationToken)
    {
        if (await handler.HandleAsync(id, cancellationToken) is not { Mapped: true } dryRun)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        return File(Encoding.UTF8.GetBytes(DryRunCsv.Write(dryRun)), "text/csv; charset=utf-8", "import-dry-run.csv");
    }
}

public sealed record DryRunPage(
    ImportDryRun.Result DryRun, RowAction? Show, int Page, int Pages, int Shown, IReadOnlyList<ImportDryRun.Finding> Findings);
