using Ical.Net;
using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.CalendarFeeds;

/// <summary>
/// A provider's calendar feed by its secret: their appointments from 30 days back to 90 days ahead, cancelled ones left
/// out, each client by initials unless the clinic lets the feeds name them (decision 039). Null for a token that is no
/// feed's (never made, renewed since, or not a token at all).
/// </summary>
public static class ProviderCalendar
{
    public static readonly TimeSpan Back = TimeSpan.FromDays(30);
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(90);

    public sealed class Handler(MicroSpaDbContext db, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<byte[]?> HandleAsync(string? token, CancellationToken cancellationToken)
        {
            if (!CalendarFeed.LooksLikeToken(token))
            {
                return null;
            }

            var feed = await db.CalendarFeeds.AsNoTracking().Where(f => f.Token == token)
                .Select(f => new { f.ProviderId, Provider = db.Providers.Where(p => p.Id == f.ProviderId).Select(p => p.DisplayName).Single() })
                .SingleOrDefaultAsync(cancellationToken);
            if (feed is null)
            {
                return null;
            }

            var now = clock.GetUtcNow();
            var (from, until) = (now - Back, now + Ahead);
            var showNames = await db.BookingPolicies.AsNoTracking().Select(p => p.CalendarFeedsShowNames).SingleAsync(cancellationToken);
            var appointments = await db.Appointments.AsNoTracking()
                .Where(a => a.ProviderId == feed.ProviderId && a.Status != AppointmentStatus.Cancelled && a.StartsAt >= from && a.StartsAt < until)
                .OrderBy(a => a.StartsAt)
                .Select(a => new
                {
                    a.Id, a.StartsAt, a.EndsAt, a.Client!.FirstName, a.Client.LastName, Service = a.Service!.Name, Room = a.Room!.Name,
                    Areas = a.BodyAreas.OrderBy(b => b.SortOrder).Select(b => b.Name).ToList(),
                })
                .ToListAsync(cancellationToken);

            var calendar = CalendarInvite.NewCalendar(CalendarMethods.Publish);
            calendar.AddProperty("X-WR-CALNAME", $"{feed.Provider}: appointments");
            foreach (var a in appointments)
            {
                var client = showNames ? $"{a.FirstName} {a.LastName}" : Initials(a.FirstName, a.LastName);
                var areas = a.Areas.Count > 0 ? string.Join(", ", a.Areas) : null;
                var item = CalendarInvite.Event(a.Id, a.StartsAt, a.EndsAt, $"{a.Service} · {client}", a.Room, areas, now);
                item.Status = Ical.Net.EventStatus.Confirmed;
                calendar.Events.Add(item);
            }

            // Identifiers only: the feed's provider and how many events, never a client.
            logger.LogInformation("Calendar feed of provider {ProviderId} read: {EventCount} appointments", feed.ProviderId, appointments.Count);
            return CalendarInvite.Serialize(calendar);
        }
    }

    /// <summary>"Ada Lovelace" → "A. L."; a name that starts with no letter gives what it starts with.</summary>
    public static string Initials(string firstName, string lastName) =>
        string.Join(" ", new[] { firstName, lastName }.Select(n => n.Trim()).Where(n => n.Length > 0)
            .Select(n => n[..System.Globalization.StringInfo.GetNextTextElementLength(n)].ToUpperInvariant() + "."));
}
