using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// The waiting clients a cancelled appointment's time suits (same service, a day and start time they
/// chose, their provider if they named one), with whether each was offered it yet.
/// </summary>
public static class WaitlistMatches
{
    public sealed record Match(
        Guid EntryId, Guid ClientId, string Client, string? Phone, string When, DateTime LocalJoined, WaitlistOfferStatus? Offer, DateTime? LocalOfferedAt);

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, TimeProvider clock)
    {
        /// <returns>Null unless the appointment is cancelled and still ahead (its time can be offered).</returns>
        public async Task<IReadOnlyList<Match>?> HandleAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            var freed = await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId)
                .Select(a => new { a.ClientId, a.ServiceId, a.ProviderId, a.StartsAt, a.Status })
                .SingleOrDefaultAsync(cancellationToken);
            if (freed is null || freed.Status != AppointmentStatus.Cancelled || freed.StartsAt <= clock.GetUtcNow())
            {
                return null;
            }

            var localStart = zone.ToLocal(freed.StartsAt);
            var offers = await db.WaitlistOffers.AsNoTracking().Where(o => o.FreedAppointmentId == appointmentId)
                .ToDictionaryAsync(o => o.EntryId, cancellationToken);
            var candidates = await (
                    from e in db.WaitlistEntries.AsNoTracking()
                    join c in db.Clients on e.ClientId equals c.Id
                    where e.ServiceId == freed.ServiceId && e.ClientId != freed.ClientId
                          && (e.Status == WaitlistStatus.Waiting || offers.Keys.Contains(e.Id))
                    orderby e.CreatedAt
                    select new { Entry = e, c.FirstName, c.LastName, c.Phone })
                .ToListAsync(cancellationToken);

            // The day-and-time preferences are checked by the entity itself (one rule, tested in the domain).
            return candidates
                .Where(c => offers.ContainsKey(c.Entry.Id) || c.Entry.Suits(freed.ServiceId, freed.ProviderId, localStart))
                .Select(c =>
                {
                    var offer = offers.GetValueOrDefault(c.Entry.Id);
                    return new Match(c.Entry.Id, c.Entry.ClientId, $"{c.FirstName} {c.LastName}", c.Phone,
                        WaitlistEntries.Describe(c.Entry.Days, c.Entry.EarliestStart, c.Entry.LatestStart), zone.ToLocal(c.Entry.CreatedAt),
                        offer?.Status, offer is null ? null : zone.ToLocal(offer.OfferedAt));
                })
                .ToList();
        }
    }
}
