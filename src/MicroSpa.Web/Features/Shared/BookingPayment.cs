using MicroSpa.Data;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// What a client owes to book a service (issue 18): nothing, a deposit or a card on file, with the reason, decided by
/// the domain's <see cref="PaymentAtBooking"/> from the service's deposit and price, the clinic's payment rules and the
/// client's kept visits, no-shows and late cancellations within the rules' months. The online booking and the desk ask it.
/// </summary>
public static class BookingPayment
{
    public sealed class Handler(MicroSpaDbContext db, ClinicMoney money, TimeProvider clock)
    {
        /// <summary>What booking <paramref name="serviceId"/> asks of the client (null: someone without a record yet, a new client).</summary>
        /// <returns>The requirement, or null when the service does not exist.</returns>
        public async Task<BookingRequirement?> HandleAsync(Guid? clientId, Guid serviceId, CancellationToken cancellationToken)
        {
            var service = await db.Services.AsNoTracking().Where(s => s.Id == serviceId)
                .Select(s => new { s.Price, s.DepositKind, s.DepositValue }).SingleOrDefaultAsync(cancellationToken);
            if (service is null)
            {
                return null;
            }

            var rules = (await db.BillingSettings.AsNoTracking().SingleAsync(cancellationToken)).PaymentRules;
            var now = clock.GetUtcNow();
            var history = clientId is { } id ? await HistoryAsync(id, now.AddMonths(-rules.RecordMonths), cancellationToken) : [];
            return PaymentAtBooking.Decide(Charge.Restore(service.DepositKind, service.DepositValue), money.Of(service.Price), history, rules, now, money.Format);
        }

        /// <summary>The client's kept visits and no-shows (at their start) and late cancellations (when cancelled) since <paramref name="since"/>.</summary>
        private async Task<List<PastVisit>> HistoryAsync(Guid clientId, DateTimeOffset since, CancellationToken cancellationToken)
        {
            var rows = await db.Appointments.AsNoTracking()
                .Where(a => a.ClientId == clientId && (a.StartsAt > since || a.StatusChangedAt > since)
                    && (a.Status == AppointmentStatus.Completed || a.Status == AppointmentStatus.NoShow
                        || (a.Status == AppointmentStatus.Cancelled && a.CancellationReason == CancellationReason.LateCancel)))
                .Select(a => new { a.Status, a.StartsAt, a.StatusChangedAt })
                .ToListAsync(cancellationToken);
            return rows.Select(a => a.Status switch
            {
                AppointmentStatus.Completed => new PastVisit(VisitOutcome.Kept, a.StartsAt),
                AppointmentStatus.NoShow => new PastVisit(VisitOutcome.NoShow, a.StartsAt),
                _ => new PastVisit(VisitOutcome.LateCancellation, a.StatusChangedAt),
            }).ToList();
        }
    }
}
