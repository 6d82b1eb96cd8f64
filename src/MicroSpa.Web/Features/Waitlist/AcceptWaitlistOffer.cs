using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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
        MicroSpaDbContext db, ClientBooking.Handler booking, AppointmentEmails emails, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <summary>Attempts when another booking takes the room or pen picked for this one at the same moment.</summary>
        private const int Attempts = 5;

        /// <returns>Null when no offer has this link.</returns>
        public Task<(Guid? AppointmentId, Outcome Outcome)?> HandleAsync(string token, CancellationToken cancellationToken) =>
            HandleAsync(token, 1, cancellationToken);

        private async Task<(Guid? AppointmentId, Outcome Outcome)?> HandleAsync(string token, int attempt, CancellationToken cancellationToken)
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
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < Attempts && ex.InnerException is PostgresException
                                               {
                                                   SqlState: PostgresErrorCodes.ExclusionViolation,
                                               } overlap && overlap.ConstraintName != ClientBooking.ProviderOverlap)
            {
                // Another booking took the room or pen picked here at the same moment; the provider is still
                // free: pick again among what is left.
                db.ChangeTracker.Clear();
                return await HandleAsync(token, attempt + 1, cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException
                                               {
                                                   SqlState: PostgresErrorCodes.ExclusionViolation or PostgresErrorCodes.UniqueViolation,
                                               })
            {
                return await GoneAsync(offer.Id, Outcome.Fail(GoneMessage), cancellationToken);
            }

            logger.LogInformation("Waitlist offer {OfferId} accepted: appointment {AppointmentId}", offer.Id, appointment.Id);
            return (appointment.Id, Outcome.Success);
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
