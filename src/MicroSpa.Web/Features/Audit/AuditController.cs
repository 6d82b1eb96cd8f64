using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Audit;

/// <summary>The Admin browses the audit trail by client or user. Nothing here changes an entry.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/audit")]
public sealed class AuditController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? client, string? user, DateOnly? from, DateOnly? to, [FromServices] AuditTrail.Handler handler, CancellationToken cancellationToken)
    {
        var query = new AuditTrail.Query(client, user, from, to);
        return View(new AuditPage(query, await handler.HandleAsync(query, cancellationToken)));
    }

    /// <summary>Streams the entries of a date range as CSV; a range that does not make sense is shown on the page, with 400.</summary>
    [HttpGet("export")]
    public async Task<IActionResult> Export(
        DateOnly? from, DateOnly? to, [FromServices] ExportAudit.Handler export, [FromServices] AuditTrail.Handler trail, CancellationToken cancellationToken)
    {
        // A date that could not be read binds as null, so the range check names it too.
        if (ExportAudit.Check(from, to) is var (field, message))
        {
            ModelState.AddModelError(field, message);
            var query = new AuditTrail.Query(null, null, from, to);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), new AuditPage(query, await trail.HandleAsync(query, cancellationToken)));
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{from:yyyy-MM-dd}-to-{to:yyyy-MM-dd}.csv\"";
        await export.WriteAsync(from!.Value, to!.Value, Response.Body, cancellationToken);
        return new EmptyResult();
    }
}

public sealed record AuditPage(AuditTrail.Query Query, IReadOnlyList<AuditTrail.Line> Lines);
