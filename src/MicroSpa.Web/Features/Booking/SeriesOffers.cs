using MicroSpa.Data;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Booking;

/// <summary>
/// The prepaid series a client may buy online with the booking of its first session (issue 19): every package on sale
/// (not retired, its current version) that covers the service booked, priced in the clinic's currency, the fewest sessions
/// first. Offered only when the clinic takes payments online; the booking is then held for the series' price instead of a
/// deposit, and the series' credits are in the client's wallet once Stripe says it is paid (<see cref="SettlePayment"/>).
/// </summary>
public static class SeriesOffers
{
    public sealed record Offer(Guid VersionId, string Name, int Sessions, decimal Price, string Currency, int ValidityMonths);

    public sealed class Handler(MicroSpaDbContext db, BookingStripe stripe, ClinicMoney money)
    {
        public async Task<IReadOnlyList<Offer>> ForServiceAsync(Guid serviceId, CancellationToken cancellationToken)
        {
            if (!stripe.On)
            {
                return [];
            }

            var onSale = await db.Packages.AsNoTracking().Where(p => p.RetiredAt == null)
                .Select(p => db.PackageVersions.Where(v => v.PackageId == p.Id).OrderByDescending(v => v.Number).First())
                .ToListAsync(cancellationToken);

            // Stripe's smallest charge is $0.50: a series cheaper than that (a free one) is not sold online.
            return [.. onSale.Where(v => v.Covers(serviceId) && v.Currency == money.Currency && v.Price >= 0.5m)
                .OrderBy(v => v.Sessions).ThenBy(v => v.Price).ThenBy(v => v.Name, StringComparer.Ordinal)
                .Select(v => new Offer(v.Id, v.Name, v.Sessions, v.Price, v.Currency, v.ValidityMonths))];
        }

        /// <summary>The series <paramref name="versionId"/> if it is still offered with <paramref name="serviceId"/>.</summary>
        public async Task<Offer?> FindAsync(Guid serviceId, Guid versionId, CancellationToken cancellationToken) =>
            (await ForServiceAsync(serviceId, cancellationToken)).FirstOrDefault(o => o.VersionId == versionId);
    }
}
