using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace MicroSpa.Web.Features.ClinicExport;

/// <summary>The whole clinic's export (decision 046): start it, follow its progress, download it while the link lasts. Admins only.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/export")]
public sealed class ClinicExportController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ExportPage.Handler page, CancellationToken cancellationToken) =>
        View(await page.HandleAsync(cancellationToken));

    [HttpPost("")]
    public async Task<IActionResult> Start([FromServices] StartClinicExport.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.HandleAsync(cancellationToken), _ => Redirect("/admin/export"),
            notice: _ => "The export is being written. You can leave this page: it goes on, and the download appears here when it is ready.");

    /// <summary>What the page's script polls while an export is written.</summary>
    [HttpGet("{id:guid}/status")]
    public async Task<IActionResult> Status(Guid id, [FromServices] ExportPage.Handler page, CancellationToken cancellationToken) =>
        await page.StatusAsync(id, cancellationToken) is { } status ? Json(status) : NotFound();

    [HttpGet("{id:guid}/download")]
    public async Task<IActionResult> Download(Guid id, [FromServices] DownloadClinicExport.Handler handler, CancellationToken cancellationToken)
    {
        if (await handler.HandleAsync(id, cancellationToken) is not { } answer)
        {
            return NotFound();
        }

        if (answer.Ready is not { } download)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return View("Expired", answer.ExpiredAt);
        }

        Response.ContentType = DownloadClinicExport.ContentType;
        Response.ContentLength = download.SizeBytes;
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = download.FileName }.ToString();
        await download.WriteAsync(Response.Body, cancellationToken);
        return new EmptyResult();
    }
}
