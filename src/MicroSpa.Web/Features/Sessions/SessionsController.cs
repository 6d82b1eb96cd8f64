using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Sessions;

/// <summary>A person's own open sessions, and "sign out everywhere".</summary>
[Authorize(Policy = Policies.SignedIn)]
[Route("account/sessions")]
public sealed class SessionsController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] OpenSessions.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(User, cancellationToken));

    [HttpPost("sign-out-everywhere")]
    public async Task<IActionResult> SignOutEverywhere([FromServices] SignOutEverywhere.Handler handler, CancellationToken cancellationToken)
    {
        var ended = await handler.HandleAsync(User, cancellationToken);
        TempData["Notice"] = ended == 1 ? "You are signed out." : $"You are signed out everywhere ({ended} sessions ended).";
        return Redirect("/account/sign-in");
    }
}
