using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Net.Http.Headers;

namespace MicroSpa.Web.Features.CalendarFeeds;

/// <summary>
/// Each provider's own schedule as a calendar feed (decision 039): the provider's page with the secret address, renewing
/// it, and the feed itself, which anyone holding the address may read (calendar apps sign in to nothing).
/// </summary>
[Authorize(Policy = Policies.Clinical)]
[Route("provider/calendar-feed")]
public sealed class CalendarFeedController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] CalendarFeedPage.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(cancellationToken));

    [HttpPost("renew")]
    public async Task<IActionResult> Renew([FromServices] RenewCalendarFeed.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.HandleAsync(cancellationToken), () => RedirectToAction(nameof(Index)),
            notice: "Your calendar has a new address. Subscribe to it again; the old address no longer works.");

    /// <summary>
    /// The feed, at <c>/calendar-feeds/{token}.ics</c>. Everything under /calendar-feeds/ that is no feed's address (a
    /// renewed or made-up token, no ".ics", garbage) answers 404, as an address that never existed would: not 401, there is
    /// nothing to sign in to. Private: a shared cache must never keep one provider's schedule for the next caller.
    /// </summary>
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.PublicApi)]
    [HttpGet("/calendar-feeds/{*address}")]
    public async Task<IActionResult> Feed([FromServices] ProviderCalendar.Handler handler, CancellationToken cancellationToken)
    {
        // Read from the route, not bound: the address guard would answer 400 for control characters, and here every
        // address that is not a feed's is simply not found (the token's alphabet is checked before any lookup).
        var address = HttpContext.GetRouteValue("address") as string;
        var token = address is not null && address.EndsWith(FileEnding, StringComparison.Ordinal) ? address[..^FileEnding.Length] : null;
        if (await handler.HandleAsync(token, cancellationToken) is not { } calendar)
        {
            return NotFound();
        }

        Response.Headers[HeaderNames.CacheControl] = "private, no-cache";
        return File(calendar, "text/calendar; charset=utf-8");
    }

    /// <summary>The feed's address for a token, as calendar apps expect it (ending in .ics).</summary>
    public static string AddressOf(string token) => token + FileEnding;

    private const string FileEnding = ".ics";
}
