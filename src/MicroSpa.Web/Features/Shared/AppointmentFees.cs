using MicroSpa.Data;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// The fee the clinic's policy sets for a visit that did not happen (issue 18): the no-show fee after a no-show, the
/// late-cancellation fee after a cancellation inside the cutoff, each fixed or a percent of the price booked (worked out
/// by <see cref="Charge.Of"/>, as the policy text says it). None when the policy sets none. The desk's appointment card
/// offers it; the fee pages charge it.
/// </summary>
public static class AppointmentFees
{
    public sealed record Fee(Guid AppointmentId, bool NoShow, Money Amount)
    {
        /// <summary>"no-show fee" or "late-cancellation fee".</summary>
        public string Name => NoShow ? "no-show fee" : "late-cancellation fee";
    }

    public sealed class Handler(MicroSpaDbContext db, ClinicMoney money)
    {
        public async Task<Fee?> HandleAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            var a = await db.Appointments.AsNoTracking().Where(x => x.Id == appointmentId)
                .Select(x => new { x.Status, x.CancellationReason, x.PriceAtBooking }).SingleOrDefaultAsync(cancellationToken);
            if (a is null)
            {
                return null;
            }

            var noShow = a.Status == AppointmentStatus.NoShow;
            if (!noShow && a is not { Status: AppointmentStatus.Cancelled, CancellationReason: CancellationReason.LateCancel })
            {
                return null;
            }

            var rules = (await db.BillingSettings.AsNoTracking().SingleAsync(cancellationToken)).PaymentRules;
            var amount = (noShow ? rules.NoShowFee : rules.CancellationFee).Of(money.Of(a.PriceAtBooking));
            return amount.Amount > 0m ? new Fee(appointmentId, noShow, amount) : null;
        }
    }
}
