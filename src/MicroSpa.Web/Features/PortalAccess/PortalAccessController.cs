using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.PortalAccess;

/// <summary>Online accounts waiting for the client's confirmation: the clinician's list, and what the waiting account sees.</summary>
public sealed class PortalAccessController : Controller
{
    [Authorize(Policy = Policies.Clinical)]
    [HttpGet("/provider/portal-accounts")]
    public async Task<IActionResult> Index([FromServices] PortalAccountsWaiting.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(cancellationToken));

    [Authorize(Policy = Policies.Clinical)]
    [HttpPost("/provider/portal-accounts/{clientId:guid}/confirm")]
    [FollowsMergedClient("clientId", Link = "/provider/portal-accounts")]
    public async Task<IActionResult> Confirm(Guid clientId, [FromServices] ConfirmPortalAccount.Handler handler, CancellationToken cancellationToken)
    {
        if (await handler.HandleAsync(clientId, cancellationToken) is not { } outcome)
        {
            return NotFound();
        }

        TempData[outcome.Succeeded ? "Notice" : "Problem"] = outcome.Succeeded
            ? "Confirmed: the client's online account now shows their appointments and records."
            : string.Join(" ", outcome.Errors.Select(e => e.Message));
        return RedirectToAction(nameof(Index));
    }

    /// <summary>What an account waiting for the client's confirmation sees instead of the client pages.</summary>
    [Authorize(Policy = Policies.ClientAccount)]
    [HttpGet(ClientRecordLinked.WaitingPath)]
    public IActionResult Pending() => View();
}
