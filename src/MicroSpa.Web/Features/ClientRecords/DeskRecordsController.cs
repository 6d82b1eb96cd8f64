using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MicroSpa.Web.Features.ClientRecords;

/// <summary>The desk produces a client's records (the same ZIP) from the client's page, for a client who asks in person.</summary>
[Authorize(Policy = Policies.FrontDesk)]
public sealed class DeskRecordsController : Controller
{
    [HttpGet("front-desk/clients/{id:guid}/records.zip")]
    [EnableRateLimiting(RateLimits.Records)]
    public async Task<IActionResult> Download(Guid id, [FromServices] ExportClientRecords.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, cancellationToken) is { } download ? await RecordsAnswer.StreamAsync(this, download, cancellationToken) : NotFound();
}
