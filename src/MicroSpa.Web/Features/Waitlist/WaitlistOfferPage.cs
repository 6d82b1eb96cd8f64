using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Waitlist;

/// <summary>What the link in a waitlist offer shows: the time, and whether it can still be booked.</summary>
public static class WaitlistOfferPage
{
    public enum State
    {
        Open,
        BookedByYou,
        Gone,
    }

    public sealed record Result(string Token, string FirstName, string Service, string Provider, DateTime LocalStart, State State, Guid? AppointmentId);

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, TimeProvider clock)
    {
        public async Task<Result?> HandleAsync(string token, CancellationToken cancellationToken)
        {
            var hash = OfferFreedTime.Hash(token);
            var offer = await (
                    from o in db.WaitlistOffers.AsNoTracking()
                    join e in db.WaitlistEntries on o.EntryId equals e.Id
                    join c in db.Clients on e.ClientId equals c.Id
                    join s in db.Services on o.ServiceId equals s.Id
                    join p in db.Providers on o.ProviderId equals p.Id
                    where o.TokenHash == hash
                    select new
                    {
                        Offer = o, EntryStatus = e.Status, c.FirstName, Service = s.Name, Provider = p.DisplayName,
                        TakenByOther = db.WaitlistOffers.Any(x => x.FreedAppointmentId == o.FreedAppointmentId && x.Id != o.Id
                                                                  && x.Status == WaitlistOfferStatus.Accepted),
                    })
                .SingleOrDefaultAsync(cancellationToken);
            if (offer is null)
            {
                return null;
            }

            var state = offer.Offer.Status switch
            {
                WaitlistOfferStatus.Accepted => State.BookedByYou,
                WaitlistOfferStatus.Open when offer.Offer.IsOpen(clock.GetUtcNow()) && !offer.TakenByOther && offer.EntryStatus == WaitlistStatus.Waiting
                    => State.Open,
                _ => State.Gone,
            };
            return new Result(token, offer.FirstName, offer.Service, offer.Provider, zone.ToLocal(offer.Offer.StartsAt), state, offer.Offer.AppointmentId);
        }
    }
}
