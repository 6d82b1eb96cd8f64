using System.Security.Cryptography;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.Waitlist;

/// <summary>
/// One click at the front desk: email a waiting client a link to book a cancelled appointment's time.
/// Offering the same time to the same client twice does nothing more.
/// </summary>
public static class OfferFreedTime
{
    public sealed class Command
    {
        public Guid FreedAppointmentId { get; set; }
        public Guid EntryId { get; set; }
    }

    public sealed class Handler(
        MicroSpaDbContext db, WaitlistEmails emails, Actor actor, ClinicTimeZone zone, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when the appointment or the entry does not exist.</returns>
        public async Task<Outcome?> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var freed = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == command.FreedAppointmentId, cancellationToken);
            var entry = await db.WaitlistEntries.SingleOrDefaultAsync(e => e.Id == command.EntryId, cancellationToken);
            if (freed is null || entry is null)
            {
                return null;
            }

            if (await db.WaitlistOffers.AnyAsync(o => o.FreedAppointmentId == freed.Id && o.EntryId == entry.Id, cancellationToken))
            {
                return Outcome.Success;
            }

            var now = clock.GetUtcNow();
            if (!entry.Suits(freed.ServiceId, freed.ProviderId, zone.ToLocal(freed.StartsAt)))
            {
                return Outcome.Fail("This time does not suit this client's waitlist entry.");
            }

            if (!await db.Clients.AnyAsync(c => c.Id == entry.ClientId && c.Email != null, cancellationToken))
            {
                return Outcome.Fail("This client has no email address: call them, and book the time for them if they want it.");
            }

            var token = NewToken();
            WaitlistOffer offer;
            try
            {
                offer = WaitlistOffer.Make(entry, freed, Hash(token), actor.UserId, now);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Message);
            }

            db.WaitlistOffers.Add(offer);
            await emails.QueueOfferAsync(offer, entry.ClientId, token, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Two clicks at once: the other one made (and emailed) the offer.
                return Outcome.Success;
            }

            logger.LogInformation("Waitlist offer {OfferId} for entry {EntryId} of appointment time {AppointmentId}", offer.Id, entry.Id, freed.Id);
            return Outcome.Success;
        }

        private static string NewToken() => Base64UrlToken(RandomNumberGenerator.GetBytes(32));

        private static string Base64UrlToken(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }

    /// <summary>Offers are found by the hash of the link's secret, so the database alone cannot book for anyone.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
