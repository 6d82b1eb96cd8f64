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
}

public sealed record AuditPage(AuditTrail.Query Query, IReadOnlyList<AuditTrail.Line> Lines);
