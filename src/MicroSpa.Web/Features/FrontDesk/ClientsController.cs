using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>The desk's clients: find, create, the profile and its details, the portal invitation.</summary>
[Authorize(Policy = Policies.FrontDesk)]
[Route("front-desk/clients")]
[FollowsMergedClient("id")]
public sealed class ClientsController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Clients(string? q, [FromServices] ClientSearch.Handler handler, CancellationToken cancellationToken) =>
        View(new ClientsPage(q, await handler.HandleAsync(q, cancellationToken), new CreateClient.Command()));

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Client(Guid id, [FromServices] ClientProfile.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, null, cancellationToken) is { } profile ? View(profile) : NotFound();

    [HttpPost("{id:guid}")]
    public Task<IActionResult> UpdateClient(
        Guid id, [Bind(Prefix = "Details")] UpdateClient.Command command, [FromServices] UpdateClient.Handler handler,
        [FromServices] ClientProfile.Handler profiles, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            () => RedirectToAction(nameof(Client), new { id }),
            async () => await profiles.HandleAsync(id, command, cancellationToken) is { } profile ? View(nameof(Client), profile) : null,
            prefix: "Details", notice: "Client details saved.");

    [HttpPost("{id:guid}/invite")]
    public async Task<IActionResult> InviteClient(Guid id, [FromServices] InviteClientToPortal.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(
            await handler.HandleAsync(id, cancellationToken),
            () => RedirectToAction(nameof(Client), new { id }),
            notice: "Invitation sent: the client chooses a password from the email. The account shows their records once their provider has confirmed the address with them in person.");

    [HttpPost("")]
    public async Task<IActionResult> CreateClient(
        [Bind(Prefix = "NewClient")] CreateClient.Command command, [FromServices] CreateClient.Handler handler, CancellationToken cancellationToken)
    {
        Guid? created = null;
        return await this.AnswerFormAsync(
            async () =>
            {
                var (clientId, outcome) = await handler.HandleAsync(command, cancellationToken);
                created = clientId;
                return outcome;
            },
            () => RedirectToAction(nameof(DeskBookingController.Book), "DeskBooking", new { clientId = created }),
            () => Task.FromResult<IActionResult?>(View(nameof(Clients), new ClientsPage(null, [], command))),
            prefix: "NewClient");
    }
}

public sealed record ClientsPage(string? Term, IReadOnlyList<ClientSummary.Item> Matches, CreateClient.Command NewClient);
