using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Waitlist;

/// <summary>The front desk's side of the waitlist: who is waiting, adding a client by phone, removing, offering a cancelled time.</summary>
[Authorize(Policy = Policies.FrontDesk)]
public sealed class DeskWaitlistController : Controller
{
    [HttpGet("/front-desk/waitlist")]
    public async Task<IActionResult> Waiting([FromServices] WaitlistEntries.Handler entries, CancellationToken cancellationToken) =>
        View(await entries.WaitingAsync(cancellationToken));

    [HttpGet("/front-desk/clients/{clientId:guid}/waitlist")]
    [FollowsMergedClient("clientId")]
    public async Task<IActionResult> Add(
        Guid clientId, Guid? serviceId, [FromServices] ClientSummary.Handler clients, [FromServices] ServiceChoices.Handler choices,
        CancellationToken cancellationToken)
    {
        if (await clients.ByIdAsync(clientId, cancellationToken) is not { } client)
        {
            return NotFound();
        }

        var services = await choices.AllAsync(cancellationToken);
        var service = services.SingleOrDefault(s => s.ServiceId == serviceId);
        return View(nameof(WaitlistController.Join), new JoinPage(service, new JoinWaitlist.Command { ServiceId = serviceId ?? Guid.Empty, EarliestStart = WaitlistController.DefaultEarliest, LatestStart = WaitlistController.DefaultLatest }, new ForClient(client, services)));
    }

    [HttpPost("/front-desk/clients/{clientId:guid}/waitlist")]
    [FollowsMergedClient("clientId")]
    public async Task<IActionResult> AddPost(
        Guid clientId, [Bind(Prefix = "Form")] JoinWaitlist.Command command, [FromServices] JoinWaitlist.Handler handler, [FromServices] ClientSummary.Handler clients,
        [FromServices] ServiceChoices.Handler choices, CancellationToken cancellationToken)
    {
        if (await clients.ByIdAsync(clientId, cancellationToken) is not { } client)
        {
            return NotFound();
        }

        return await this.AnswerFormAsync(
            async () => await handler.HandleAsync(clientId, command, cancellationToken),
            _ => Redirect($"/front-desk/clients/{clientId}"),
            async () =>
            {
                var services = await choices.AllAsync(cancellationToken);
                return View(nameof(WaitlistController.Join), new JoinPage(services.SingleOrDefault(s => s.ServiceId == command.ServiceId), command, new ForClient(client, services)));
            },
            prefix: "Form", notice: _ => $"{client.Name} is on the waitlist.");
    }

    [HttpPost("/front-desk/waitlist/{entryId:guid}/remove")]
    public async Task<IActionResult> Remove(Guid entryId, [FromServices] LeaveWaitlist.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.HandleAsync(entryId, null, cancellationToken), () => RedirectToAction(nameof(Waiting)), notice: "Removed from the waitlist.");

    [HttpPost("/front-desk/waitlist/offers")]
    public async Task<IActionResult> MakeOffer(OfferFreedTime.Command command, [FromServices] OfferFreedTime.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(
            await handler.HandleAsync(command, cancellationToken), () => Redirect($"/front-desk/appointments/{command.FreedAppointmentId}"),
            notice: "Offer emailed. The first client to confirm gets the time.");
}
