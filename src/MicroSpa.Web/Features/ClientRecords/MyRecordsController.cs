using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MicroSpa.Web.Features.ClientRecords;

/// <summary>The client downloads "My records" (one ZIP) from My appointments.</summary>
[Authorize(Policy = Policies.Client)]
public sealed class MyRecordsController : Controller
{
    [HttpGet("my/records.zip")]
    [EnableRateLimiting(RateLimits.Records)]
    public async Task<IActionResult> Download([FromServices] ExportMyRecords.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(cancellationToken) is { } download ? await RecordsAnswer.StreamAsync(this, download, cancellationToken) : NotFound();
}
