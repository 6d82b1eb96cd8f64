using MicroSpa.Web.Features.Booking;
using MicroSpa.Web.Features.FrontDesk;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MicroSpa.Web.Features.Waitlist;

/// <summary>
/// The waitlist: clients join it online (or the front desk adds them by phone), the front desk offers a
/// cancelled time to the clients it suits, and the client books it from the link in the email.
/// </summary>
public sealed class WaitlistController : Controller
{
    private const string Notice = "Notice";
    private static readonly TimeOnly DefaultEarliest = new(9, 0);
    private static readonly TimeOnly DefaultLatest = new(17, 0);

    [Authorize(Policy = Policies.Client)]
    [HttpGet("/waitlist/join/{serviceId:guid}")]
    public async Task<IActionResult> Join(
        Guid serviceId, [FromQuery] List<Guid> areaIds, Guid? providerId, [FromServices] BookingOptions.Handler options, CancellationToken cancellationToken) =>
        await options.ForAsync(serviceId, cancellationToken) is { } service
            ? View(new JoinPage(service, new JoinWaitlist.Command { ServiceId = serviceId, AreaIds = areaIds, ProviderId = providerId, EarliestStart = DefaultEarliest, LatestStart = DefaultLatest }, null))
            : NotFound();

    [Authorize(Policy = Policies.Client)]
    [HttpPost("/waitlist/join/{serviceId:guid}")]
    public async Task<IActionResult> JoinPost(
        Guid serviceId, [Bind(Prefix = "Form")] JoinWaitlist.Command command, [FromServices] JoinWaitlist.Handler handler, [FromServices] CurrentClient client,
        [FromServices] BookingOptions.Handler options, CancellationToken cancellationToken)
    {
        if (await options.ForAsync(serviceId, cancellationToken) is not { } service)
        {
            return NotFound();
        }

        command.ServiceId = serviceId;
        if (ModelState.IsValid)
        {
            var (entryId, outcome) = await handler.HandleAsync(await client.RequiredIdAsync(cancellationToken), command, cancellationToken);
            if (entryId is not null)
            {
                TempData[Notice] = "You are on the waitlist. We will email you when a time that suits you opens up.";
                return Redirect("/my/appointments");
            }

            ModelState.AddErrors(outcome, "Form");
        }

        return View(nameof(Join), new JoinPage(service, command, null));
    }

    [Authorize(Policy = Policies.Client)]
    [HttpPost("/waitlist/{entryId:guid}/leave")]
    public async Task<IActionResult> Leave(
        Guid entryId, [FromServices] LeaveWaitlist.Handler handler, [FromServices] CurrentClient client, CancellationToken cancellationToken)
    {
        var outcome = await handler.HandleAsync(entryId, await client.RequiredIdAsync(cancellationToken), cancellationToken);
        if (outcome is null)
        {
            return NotFound();
        }

        TempData[outcome.Succeeded ? Notice : "Problem"] = outcome.Succeeded
            ? "You left the waitlist."
            : string.Join(" ", outcome.Errors.Select(e => e.Message));
        return Redirect("/my/appointments");
    }

    /// <summary>The link in the offer email; the secret in it is the permission to book this one time.</summary>
    [AllowAnonymous]
    [HttpGet("/waitlist/offers/{token}")]
    public async Task<IActionResult> Offer(string token, [FromServices] WaitlistOfferPage.Handler page, CancellationToken cancellationToken) =>
        await page.HandleAsync(token, cancellationToken) is { } offer ? View(offer) : NotFound();

    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Booking)]
    [HttpPost("/waitlist/offers/{token}")]
    public async Task<IActionResult> AcceptOffer(
        string token, [FromServices] AcceptWaitlistOffer.Handler handler, [FromServices] WaitlistOfferPage.Handler page, CancellationToken cancellationToken)
    {
        if (await handler.HandleAsync(token, cancellationToken) is not { } result)
        {
            return NotFound();
        }

        if (result.Outcome.Succeeded)
        {
            return RedirectToAction(nameof(Offer), new { token });
        }

        ModelState.AddErrors(result.Outcome);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await page.HandleAsync(token, cancellationToken) is { } offer ? View(nameof(Offer), offer) : NotFound();
    }

    [Authorize(Policy = Policies.FrontDesk)]
    [HttpGet("/front-desk/waitlist")]
    public async Task<IActionResult> Waiting([FromServices] WaitlistEntries.Handler entries, CancellationToken cancellationToken) =>
        View(await entries.WaitingAsync(cancellationToken));

    [Authorize(Policy = Policies.FrontDesk)]
    [HttpGet("/front-desk/clients/{clientId:guid}/waitlist")]
    public async Task<IActionResult> Add(
        Guid clientId, Guid? serviceId, [FromServices] FindClients.Handler clients, [FromServices] BookingOptions.Handler options,
        CancellationToken cancellationToken)
    {
        if (await clients.ByIdAsync(clientId, cancellationToken) is not { } client)
        {
            return NotFound();
        }

        var services = await options.AllAsync(cancellationToken);
        var service = services.SingleOrDefault(s => s.ServiceId == serviceId);
        return View(nameof(Join), new JoinPage(service, new JoinWaitlist.Command { ServiceId = serviceId ?? Guid.Empty, EarliestStart = DefaultEarliest, LatestStart = DefaultLatest }, new ForClient(client, services)));
    }

    [Authorize(Policy = Policies.FrontDesk)]
    [HttpPost("/front-desk/clients/{clientId:guid}/waitlist")]
    public async Task<IActionResult> AddPost(
        Guid clientId, [Bind(Prefix = "Form")] JoinWaitlist.Command command, [FromServices] JoinWaitlist.Handler handler, [FromServices] FindClients.Handler clients,
        [FromServices] BookingOptions.Handler options, CancellationToken cancellationToken)
    {
        if (await clients.ByIdAsync(clientId, cancellationToken) is not { } client)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var (entryId, outcome) = await handler.HandleAsync(clientId, command, cancellationToken);
            if (entryId is not null)
            {
                TempData[Notice] = $"{client.Name} is on the waitlist.";
                return Redirect($"/front-desk/clients/{clientId}");
            }

            ModelState.AddErrors(outcome, "Form");
        }

        var services = await options.AllAsync(cancellationToken);
        return View(nameof(Join), new JoinPage(services.SingleOrDefault(s => s.ServiceId == command.ServiceId), command, new ForClient(client, services)));
    }

    [Authorize(Policy = Policies.FrontDesk)]
    [HttpPost("/front-desk/waitlist/{entryId:guid}/remove")]
    public async Task<IActionResult> Remove(Guid entryId, [FromServices] LeaveWaitlist.Handler handler, CancellationToken cancellationToken)
    {
        var outcome = await handler.HandleAsync(entryId, null, cancellationToken);
        if (outcome is null)
        {
            return NotFound();
        }

        TempData[outcome.Succeeded ? Notice : "Problem"] = outcome.Succeeded
            ? "Removed from the waitlist."
            : string.Join(" ", outcome.Errors.Select(e => e.Message));
        return RedirectToAction(nameof(Waiting));
    }

    [Authorize(Policy = Policies.FrontDesk)]
    [HttpPost("/front-desk/waitlist/offers")]
    public async Task<IActionResult> MakeOffer(OfferFreedTime.Command command, [FromServices] OfferFreedTime.Handler handler, CancellationToken cancellationToken)
    {
        var outcome = await handler.HandleAsync(command, cancellationToken);
        if (outcome is null)
        {
            return NotFound();
        }

        TempData[outcome.Succeeded ? Notice : "Problem"] = outcome.Succeeded
            ? "Offer emailed. The first client to confirm gets the time."
            : string.Join(" ", outcome.Errors.Select(e => e.Message));
        return Redirect($"/front-desk/appointments/{command.FreedAppointmentId}");
    }
}

public sealed record ForClient(FindClients.Match Client, IReadOnlyList<BookingOptions.Result> Services);

/// <summary>The join form: for the signed-in client (<see cref="Desk"/> null) or for a client the front desk has on the phone.</summary>
public sealed record JoinPage(BookingOptions.Result? Service, JoinWaitlist.Command Form, ForClient? Desk);
