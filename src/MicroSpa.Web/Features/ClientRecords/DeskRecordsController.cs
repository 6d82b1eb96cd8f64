using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MicroSpa.Web.Features.ClientRecords;

/// <summary>
/// A client's records (the same ZIP they download themselves) produced for a client who asks in person, from the client's
/// clearance page. The medical director's alone (decision 041): the archive holds charts, photos, screenings and
/// clearances, which the front desk and the Admin may not read (decision 021), and clearances only the director reads.
/// </summary>
[Authorize(Policy = Policies.MedicalDirector)]
public sealed class DeskRecordsController : Controller
{
    [HttpGet("clients/{id:guid}/records.zip")]
    [EnableRateLimiting(RateLimits.Records)]
    [FollowsMergedClient("id", Link = "/clearances/clients/{0}")]
    public async Task<IActionResult> Download(Guid id, [FromServices] ExportClientRecords.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, cancellationToken) is { } download ? await RecordsAnswer.StreamAsync(this, download, cancellationToken) : NotFound();
}
