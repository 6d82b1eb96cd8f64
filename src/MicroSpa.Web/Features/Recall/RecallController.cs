using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Recall;

/// <summary>Lot recall search for clinicians, the medical director and the Admin.</summary>
[Authorize(Policy = Policies.Recall)]
[Route("recall")]
public sealed class RecallController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? lot, DateOnly? from, DateOnly? to, [FromServices] RecallSearch.Handler handler, CancellationToken cancellationToken)
    {
        if (to < from)
        {
            ModelState.AddModelError("to", "The end date must not be before the start date.");
            return View(new RecallPage(new RecallSearch.Query(lot, from, to), []));
        }

        var query = new RecallSearch.Query(lot, from, to);
        return View(new RecallPage(query, await handler.HandleAsync(query, cancellationToken)));
    }
}

public sealed record RecallPage(RecallSearch.Query Query, IReadOnlyList<RecallSearch.Hit> Hits);
