using System.Security.Claims;
using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.CalendarFeeds;

/// <summary>
/// The provider makes their calendar address, or renews it: a new secret, and the old address answers 404 from then on
/// (a phone lost, an address shared by mistake).
/// </summary>
public static class RenewCalendarFeed
{
    public sealed class Handler(MicroSpaDbContext db, IHttpContextAccessor http, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Outcome> HandleAsync(CancellationToken cancellationToken)
        {
            var userId = Guid.TryParse(http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;
            var providerId = await db.Providers.Where(p => p.UserId == userId).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
            if (providerId is null)
            {
                return Outcome.Fail("Your account has no provider schedule, so it has no calendar to subscribe to.");
            }

            var now = clock.GetUtcNow();
            var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.ProviderId == providerId, cancellationToken);
            if (feed is null)
            {
                db.CalendarFeeds.Add(new CalendarFeed(providerId.Value, now));
            }
            else
            {
                feed.Renew(now);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two taps at once: both tried to make the first address; the one that won is the address.
                return Outcome.Conflict("Your calendar address was just changed in another window; here is the current one.");
            }

            logger.LogInformation("Calendar feed of provider {ProviderId} {Change}", providerId, feed is null ? "made" : "renewed");
            return Outcome.Success;
        }
    }
}
