using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Booking;

/// <summary>
/// A held booking as its client sees it: the time held until when (clinic time), what is asked, and the hosted page to
/// go back to while it lives; or, once the hold ended, that nothing was booked (and the money on its way back).
/// </summary>
public static class HeldBooking
{
    public sealed record Result(
        Guid AppointmentId, string Service, DateTime LocalStart, AppointmentStatus Status, DateTime? LocalHeldUntil, decimal? Deposit, bool Refunded)
    {
        public bool Waiting => Status == AppointmentStatus.Held;

        /// <summary>Booked by its payment: the client's appointment page says the rest.</summary>
        public bool Booked => Status is not (AppointmentStatus.Held or AppointmentStatus.Cancelled);

        public decimal? RefundedAmount { get; init; }

        /// <summary>Held for a series bought with the booking (issue 19), not a deposit.</summary>
        public bool Series { get; init; }
    }

    public sealed class Handler(MicroSpaDbContext db, CurrentClient currentClient, ClinicTimeZone zone)
    {
        /// <returns>Null when the appointment is not the signed-in client's, or was never held.</returns>
        public async Task<Result?> HandleAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.IdAsync(cancellationToken);
            var a = await db.Appointments.AsNoTracking().Where(x => x.Id == appointmentId && x.ClientId == clientId && x.HeldUntil != null)
                .Select(x => new { x.Id, Service = x.Service!.Name, x.StartsAt, x.Status, x.HeldUntil }).SingleOrDefaultAsync(cancellationToken);
            if (a is null)
            {
                return null;
            }

            var page = await db.OnlineCheckouts.AsNoTracking().Where(c => c.AppointmentId == appointmentId).OrderByDescending(c => c.CreatedAt)
                .Select(c => new { c.Amount, c.Purpose }).FirstOrDefaultAsync(cancellationToken);
            var deposit = page?.Amount;
            var refunded = await db.OnlineRefunds.AsNoTracking()
                .Where(r => db.OnlinePayments.Any(p => p.AppointmentId == appointmentId && p.PaymentIntentId == r.PaymentIntentId))
                .SumAsync(r => (decimal?)r.Amount, cancellationToken);
            // A sum over no refund reads 0.
            return new Result(a.Id, a.Service, zone.ToLocal(a.StartsAt), a.Status, zone.ToLocal(a.HeldUntil!.Value), deposit, refunded > 0m)
            {
                RefundedAmount = refunded > 0m ? refunded : null,
                Series = page?.Purpose == Domain.Payments.OnlinePurpose.Series,
            };
        }
    }
}
