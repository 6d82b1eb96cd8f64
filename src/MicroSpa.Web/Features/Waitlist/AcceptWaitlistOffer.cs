using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Waitlist;

/// <summary>
/// The client confirms an offered time from the link in their email. The first to confirm gets it:
/// the appointment, the accepted offer and the entry leave the waitlist in one transaction, and a unique
/// index (one accepted offer per freed time) plus the overlap constraints stop a second confirmation.
/// </summary>
public static class AcceptWaitlistOffer
{
    public const string GoneMessage = "Sorry, someone else took this time first. You are still on the waitlist.";

    /// <summary>The offer link is not signed in: the history says where the booking came from.</summary>
    private static readonly ChangedBy ByLink = new(null, "The client (waitlist link)");

    public sealed class Handler(
        MicroSpaDbContext db, ClientBooking.Handler booking, BookingRetry retry, AppointmentEmails emails, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when no offer has this link.</returns>
        public Task<(Guid? AppointmentId, Outcome Outcome)?> HandleAsync(string token, CancellationToken cancellationToken) =>
            retry.SaveAsync(ct => TryAsync(token, ct), ct => TakenAsync(token, ct), cancellationToken);

        private async Task<(Guid? AppointmentId, Outcome Outcome)?> TryAsync(string token, CancellationToken cancellationToken)
        {
            var hash = OfferFreedTime.Hash(token);
            var offer = await db.WaitlistOffers.Include(o => o.Entry).SingleOrDefaultAsync(o => o.TokenHash == hash, cancellationToken);
            if (offer is null)
            {
                return null;
            }

            if (offer.Status == WaitlistOfferStatus.Accepted)
            {
                // Confirming twice (a double tap, a retry) books once.
                return (offer.AppointmentId, Outcome.Success);
            }

            var now = clock.GetUtcNow();
            var entry = offer.Entry!;
            if (!offer.IsOpen(now) || entry.Status != WaitlistStatus.Waiting)
            {
                return (null, Outcome.Fail(GoneMessage));
            }

            var (appointment, outcome) = await booking.PrepareAsync(
                new ClientBooking.Request(entry.ClientId, offer.ServiceId, entry.AreaIds, offer.ProviderId, offer.StartsAt),
                BookingSource.Waitlist, ByLink, cancellationToken);
            if (appointment is null)
            {
                var message = outcome.Errors.Any(e => e.Field == ClientBooking.IntervalField)
                    ? Outcome.Fail("This time is too soon after your last session on the same areas: your skin needs the time to heal. Please call the clinic.")
                    : outcome.Errors.Any(e => e.Message == BookingChecks.TakenMessage) ? Outcome.Fail(GoneMessage) : outcome;
                return await GoneAsync(offer.Id, message, cancellationToken);
            }

            try
            {
                offer.Accept(appointment.Id, now);
                entry.MarkBooked(appointment.Id, now);
            }
            catch (DomainException ex)
            {
                return (null, Outcome.Fail(ex.Message));
            }

            db.Appointments.Add(appointment);
            await emails.QueueConfirmationAsync(appointment, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Waitlist offer {OfferId} accepted: appointment {AppointmentId}", offer.Id, appointment.Id);
            return (appointment.Id, Outcome.Success);
        }

        /// <summary>
        /// Every attempt lost a race: another confirmation took the time (or this offer, confirmed twice at once, is booked:
        /// the answer is that booking).
        /// </summary>
        private async Task<(Guid? AppointmentId, Outcome Outcome)?> TakenAsync(string token, CancellationToken cancellationToken)
        {
            var hash = OfferFreedTime.Hash(token);
            var offer = await db.WaitlistOffers.AsNoTracking().SingleAsync(o => o.TokenHash == hash, cancellationToken);
            return offer.Status == WaitlistOfferStatus.Accepted
                ? (offer.AppointmentId, Outcome.Success)
                : await GoneAsync(offer.Id, Outcome.Fail(GoneMessage), cancellationToken);
        }

        private async Task<(Guid?, Outcome)?> GoneAsync(Guid offerId, Outcome outcome, CancellationToken cancellationToken)
        {
            db.ChangeTracker.Clear();
            var offer = await db.WaitlistOffers.SingleAsync(o => o.Id == offerId, cancellationToken);
            offer.MarkGone(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return (null, outcome);
        }
    }
}
