using System.Security.Claims;
using MicroSpa.Data;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.CalendarFeeds;

/// <summary>The signed-in provider's calendar feed: its secret address (once made), when it was last renewed, whether clients are named.</summary>
public static class CalendarFeedPage
{
    /// <summary><paramref name="Provider"/> null: the account has no provider schedule. <paramref name="Address"/> null: no address made yet.</summary>
    public sealed record Result(string? Provider, string? Address, DateTime? LocalRenewedAt, bool ShowsNames);

    public sealed class Handler(MicroSpaDbContext db, IHttpContextAccessor http, PublicLinks links, Domain.Scheduling.ClinicTimeZone zone)
    {
        public async Task<Result> HandleAsync(CancellationToken cancellationToken)
        {
            var userId = Guid.TryParse(http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;
            var showsNames = await db.BookingPolicies.AsNoTracking().Select(p => p.CalendarFeedsShowNames).SingleAsync(cancellationToken);
            var provider = await db.Providers.AsNoTracking().Where(p => p.UserId == userId)
                .Select(p => new
                {
                    p.DisplayName,
                    Feed = db.CalendarFeeds.Where(f => f.ProviderId == p.Id).Select(f => new { f.Token, f.RenewedAt }).SingleOrDefault(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (provider is null)
            {
                return new Result(null, null, null, showsNames);
            }

            return provider.Feed is { } feed
                ? new Result(provider.DisplayName, links.Action(nameof(CalendarFeedController.Feed), "CalendarFeed", new { address = CalendarFeedController.AddressOf(feed.Token) }),
                    zone.ToLocal(feed.RenewedAt), showsNames)
                : new Result(provider.DisplayName, null, null, showsNames);
        }
    }
}
