using System.Security.Cryptography;
using System.Text;
using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Booking;

/// <summary>
/// The sale of a series bought online with a booking (issue 19): once Stripe's payment is kept (online_payments, purpose
/// Series), a walk-in invoice to the client for the package is issued and paid with that card payment (the submission id made
/// from the pi_), which puts the series' credits in the client's wallet. Once per payment: the ledger payment with that pi_
/// means sold, and the caller holds the appointment's row lock. A day already closed takes nothing: the booking stands, the
/// payment is kept, and the next round (<see cref="SeriesSaleWorker"/>, on the next clinic day) sells it.
/// </summary>
public static class SellSeries
{
    public enum Result
    {
        Sold,
        AlreadySold,

        /// <summary>The clinic day is closed: the sale waits for the next one.</summary>
        DayClosed,

        /// <summary>No series payment for this appointment.</summary>
        NothingToSell,
    }

    /// <summary>The ledger's submission id of a series' payment: the same pi_ gives the same id, so it is taken once.</summary>
    public static Guid SubmissionFor(string paymentIntentId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"microspa-series-payment:{paymentIntentId}"))[..16]);

    public sealed class Handler(MicroSpaDbContext db, Ledger ledger, Domain.Scheduling.ClinicTimeZone zone, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <summary>Sells the series paid with the booking of <paramref name="appointmentId"/>, in the caller's transaction, under its row lock.</summary>
        public async Task<Result> SellAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            var paid = await db.OnlinePayments.AsNoTracking().Where(p => p.AppointmentId == appointmentId && p.Purpose == OnlinePurpose.Series)
                .OrderBy(p => p.ReceivedAt).Select(p => new { p.PaymentIntentId, p.ClientId, p.Amount, p.Currency, p.CardBrand, p.CardLastFour })
                .FirstOrDefaultAsync(cancellationToken);
            var versionId = await db.BookingDrafts.AsNoTracking().Where(d => d.AppointmentId == appointmentId).Select(d => d.SeriesVersionId).FirstOrDefaultAsync(cancellationToken);
            if (paid is null || versionId is null)
            {
                return Result.NothingToSell;
            }

            if (await db.LedgerEntries.AnyAsync(e => e.Kind == EntryKind.Payment && e.Reference == paid.PaymentIntentId, cancellationToken))
            {
                return Result.AlreadySold;
            }

            var now = clock.GetUtcNow();
            var today = zone.Today(now);
            if (await db.DayCloses.AnyAsync(d => d.ClinicDay == today, cancellationToken))
            {
                logger.LogInformation("Series paid by {PaymentIntentId} for appointment {AppointmentId} waits for the next clinic day: today is closed", paid.PaymentIntentId, appointmentId);
                return Result.DayClosed;
            }

            // The version paid for is sold as it was priced, even if the package was revised or retired since.
            var version = await db.PackageVersions.AsNoTracking().SingleAsync(v => v.Id == versionId, cancellationToken);
            var user = await OnlineShopUser.EnsureAsync(db, now, cancellationToken);

            // The client may have been merged into another since booking: the series goes to the record kept.
            var clientId = await db.Clients.AsNoTracking().Where(c => c.Id == paid.ClientId).Select(c => c.MergedIntoId ?? c.Id).SingleAsync(cancellationToken);
            var invoice = Invoice.WalkIn(clientId, version.Currency, user, now);
            invoice.AddPackage(version, retired: false);
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync(cancellationToken);
            var actor = new Data.Billing.Actor(user, "Bought online with a booking (Stripe)");
            var issued = await ledger.IssueAsync(invoice.Id, actor, cancellationToken);
            var taken = issued.Status == LedgerStatus.Done
                ? await ledger.RecordProviderCardAsync(
                    invoice.Id, new ProviderCharge(paid.Amount, paid.PaymentIntentId, paid.CardBrand, paid.CardLastFour), SubmissionFor(paid.PaymentIntentId), actor, cancellationToken)
                : issued;
            if (taken.Status != LedgerStatus.Done)
            {
                // A payment that is not the series' price (never asked so), or a day closed this very moment: nothing is kept,
                // and the caller's transaction is undone (Stripe sends the event again; the round tries again).
                throw new InvalidOperationException($"The series paid by {paid.PaymentIntentId} was not sold: the ledger said {taken.Status}.");
            }

            logger.LogInformation("Series {VersionId} sold on invoice {InvoiceId} for appointment {AppointmentId}, paid by {PaymentIntentId}", version.Id, invoice.Id, appointmentId, paid.PaymentIntentId);
            return Result.Sold;
        }

        /// <summary>The worker's round: every series paid and not yet sold (its day was closed), each under its appointment's lock.</summary>
        public async Task<int> RunAsync(CancellationToken cancellationToken)
        {
            var waiting = await db.OnlinePayments.AsNoTracking()
                .Where(p => p.Purpose == OnlinePurpose.Series && p.AppointmentId != null
                    && !db.LedgerEntries.Any(e => e.Kind == EntryKind.Payment && e.Reference == p.PaymentIntentId))
                .OrderBy(p => p.ReceivedAt).Select(p => p.AppointmentId!.Value).Take(100).ToListAsync(cancellationToken);
            var sold = 0;
            foreach (var appointmentId in waiting)
            {
                var result = await db.InTransactionAsync(
                    async ct =>
                    {
                        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM appointments WHERE id = {appointmentId} FOR UPDATE", ct);
                        return await SellAsync(appointmentId, ct);
                    },
                    null,
                    cancellationToken);
                if (result == Result.DayClosed)
                {
                    break;
                }

                sold += result == Result.Sold ? 1 : 0;
                db.ChangeTracker.Clear();
            }

            return sold;
        }
    }
}
