using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Memberships;

/// <summary>The desk's steps on a client's membership, from the client's profile (decision 061): join, pause, resume, give notice.</summary>
[Authorize(Policy = Policies.FrontDesk)]
[Route("front-desk/clients/{clientId:guid}/memberships")]
[FollowsMergedClient("clientId")]
public sealed class MembershipsController : Controller
{
    [HttpPost("")]
    public async Task<IActionResult> Join(Guid clientId, JoinMembership.Command command, [FromServices] JoinMembership.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.HandleAsync(clientId, command, cancellationToken), () => Profile(clientId), "The client is a member: the month is charged at checkout.");

    [HttpPost("{id:guid}/pause")]
    public async Task<IActionResult> Pause(Guid clientId, Guid id, PauseMembership.Command command, [FromServices] PauseMembership.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.HandleAsync(clientId, id, command, cancellationToken), () => Profile(clientId), "The membership is paused from next month.");

    [HttpPost("{id:guid}/resume")]
    public async Task<IActionResult> Resume(Guid clientId, Guid id, [FromServices] ResumeMembership.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.HandleAsync(clientId, id, cancellationToken), () => Profile(clientId), "The membership runs again from next month.");

    [HttpPost("{id:guid}/cancel")]
    public async Task<IActionResult> Cancel(Guid clientId, Guid id, [FromServices] CancelMembership.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.HandleAsync(clientId, id, cancellationToken), () => Profile(clientId), "Notice given.");

    private RedirectResult Profile(Guid clientId) => Redirect($"/front-desk/clients/{clientId}");
}
