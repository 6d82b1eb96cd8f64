using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MicroSpa.Web.Features.Waitlist;

/// <summary>
/// The client's side of the waitlist: joining it online, leaving it, and booking an offered time from the link
/// in the email (the front desk's side is <see cref="DeskWaitlistController"/>).
/// </summary>
public sealed class WaitlistController : Controller
{
    /// <summary>The hours a new entry's form starts with.</summary>
    public static readonly TimeOnly DefaultEarliest = new(9, 0);

    /// <inheritdoc cref="DefaultEarliest"/>
    public static readonly TimeOnly DefaultLatest = new(17, 0);

    [Authorize(Policy = Policies.Client)]
    [HttpGet("/waitlist/join/{serviceId:guid}")]
    public async Task<IActionResult> Join(
        Guid serviceId, [FromQuery] List<Guid> areaIds, Guid? providerId, [FromServices] ServiceChoices.Handler choices, CancellationToken cancellationToken) =>
        await choices.ForAsync(serviceId, cancellationToken) is { } service
            ? View(new JoinPage(service, new JoinWaitlist.Command { ServiceId = serviceId, AreaIds = areaIds, ProviderId = providerId, EarliestStart = DefaultEarliest, LatestStart = DefaultLatest }, null))
            : NotFound();

    [Authorize(Policy = Policies.Client)]
    [HttpPost("/waitlist/join/{serviceId:guid}")]
    public async Task<IActionResult> JoinPost(
        Guid serviceId, [Bind(Prefix = "Form")] JoinWaitlist.Command command, [FromServices] JoinWaitlist.Handler handler, [FromServices] CurrentClient client,
        [FromServices] ServiceChoices.Handler choices, CancellationToken cancellationToken)
    {
        if (await choices.ForAsync(serviceId, cancellationToken) is not { } service)
        {
            return NotFound();
        }

        command.ServiceId = serviceId;
        return await this.AnswerFormAsync(
            async () => await handler.HandleAsync(await client.RequiredIdAsync(cancellationToken), command, cancellationToken),
            _ => Redirect("/my/appointments"),
            () => Task.FromResult<IActionResult?>(View(nameof(Join), new JoinPage(service, command, null))),
            prefix: "Form", notice: _ => "You are on the waitlist. We will email you when a time that suits you opens up.");
    }

    [Authorize(Policy = Policies.Client)]
    [HttpPost("/waitlist/{entryId:guid}/leave")]
    public async Task<IActionResult> Leave(
        Guid entryId, [FromServices] LeaveWaitlist.Handler handler, [FromServices] CurrentClient client, CancellationToken cancellationToken)
    {
        var outcome = await handler.HandleAsync(entryId, await client.RequiredIdAsync(cancellationToken), cancellationToken);
        return this.Answer(outcome, () => Redirect("/my/appointments"), notice: "You left the waitlist.");
    }

    /// <summary>The link in the offer email; the secret in it is the permission to book this one time.</summary>
    [AllowAnonymous]
    [HttpGet("/waitlist/offers/{token}")]
    public async Task<IActionResult> Offer(string token, [FromServices] WaitlistOfferPage.Handler page, CancellationToken cancellationToken) =>
        await page.HandleAsync(token, cancellationToken) is { } offer ? View(offer) : NotFound();

    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Booking)]
    [HttpPost("/waitlist/offers/{token}")]
    public Task<IActionResult> AcceptOffer(
        string token, [FromServices] AcceptWaitlistOffer.Handler handler, [FromServices] WaitlistOfferPage.Handler page, CancellationToken cancellationToken) =>
        // Every refusal is the offer's state (taken by someone else first, expired): 409 with the offer page again.
        this.AnswerFormAsync(
            async () => (await handler.HandleAsync(token, cancellationToken))?.Outcome.AsConflict(),
            () => RedirectToAction(nameof(Offer), new { token }),
            async () => await page.HandleAsync(token, cancellationToken) is { } offer ? View(nameof(Offer), offer) : null);
}

public sealed record ForClient(ClientSummary.Item Client, IReadOnlyList<ServiceChoices.Result> Services);

/// <summary>The join form: for the signed-in client (<see cref="Desk"/> null) or for a client the front desk has on the phone.</summary>
public sealed record JoinPage(ServiceChoices.Result? Service, JoinWaitlist.Command Form, ForClient? Desk);
