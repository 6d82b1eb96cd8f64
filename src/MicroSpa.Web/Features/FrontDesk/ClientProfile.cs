using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>
/// A client as the front desk sees them: contact details, notes, preferred provider, appointments and
/// their record of cancellations and no-shows, and whether a provider must review their screening.
/// Never the screening answers, charts or photos.
/// </summary>
public static class ClientProfile
{
    public sealed record Visit(Guid Id, DateTime LocalStart, string Service, string Provider, AppointmentStatus Status);

    public sealed record Result(
        Guid Id, UpdateClient.Command Details, bool HasPortalAccount, bool PortalAccountWaits, IReadOnlyList<(Guid Id, string Name)> Providers,
        IReadOnlyList<Visit> Upcoming, IReadOnlyList<Visit> Past, int Cancellations, int NoShows, bool NeedsReview,
        IReadOnlyList<Shared.WaitlistEntries.Item> Waitlist)
    {
        /// <summary>The client's packages: credits left per package, with the expiry (decision 047).</summary>
        public IReadOnlyList<Shared.WalletCredits.Lot> Credits { get; init; } = [];

        /// <summary>A receipt line per wallet entry, newest first: what My wallet shows the client.</summary>
        public IReadOnlyList<Shared.WalletReceipts.Line> WalletReceipts { get; init; } = [];
    }

    public sealed class Handler(MicroSpaDbContext db, Shared.WaitlistEntries.Handler waitlist, Shared.WalletReceipts.Handler wallet, ClinicTimeZone zone, TimeProvider clock)
    {
        public async Task<Result?> HandleAsync(Guid id, UpdateClient.Command? form, CancellationToken cancellationToken)
        {
            var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (client is null)
            {
                return null;
            }

            var providers = (await db.Providers.AsNoTracking().Where(p => p.Bookable).OrderBy(p => p.DisplayName)
                .Select(p => new { p.Id, p.DisplayName }).ToListAsync(cancellationToken)).Select(p => (p.Id, p.DisplayName)).ToList();
            var visits = await db.Appointments.AsNoTracking().Where(a => a.ClientId == id).OrderByDescending(a => a.StartsAt)
                .Select(a => new { a.Id, a.StartsAt, Service = a.Service!.Name, Provider = a.Provider!.DisplayName, a.Status, a.NeedsReview })
                .ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var walletSummary = await wallet.ForClientAsync(id, cancellationToken);
            var details = form ?? new UpdateClient.Command
            {
                FirstName = client.FirstName, LastName = client.LastName, Email = client.Email, Phone = client.Phone,
                DateOfBirth = client.DateOfBirth, PreferredProviderId = client.PreferredProviderId, Notes = client.Notes,
            };
            return new Result(id, details, client.UserId is not null, client.PendingUserId is not null, providers,
                visits.Where(v => v.StartsAt >= now && v.Status is AppointmentStatus.Booked or AppointmentStatus.CheckedIn or AppointmentStatus.Held)
                    .OrderBy(v => v.StartsAt).Select(v => new Visit(v.Id, zone.ToLocal(v.StartsAt), v.Service, v.Provider, v.Status)).ToList(),
                visits.Where(v => v.StartsAt < now || v.Status is not (AppointmentStatus.Booked or AppointmentStatus.CheckedIn or AppointmentStatus.Held))
                    .Select(v => new Visit(v.Id, zone.ToLocal(v.StartsAt), v.Service, v.Provider, v.Status)).ToList(),
                visits.Count(v => v.Status == AppointmentStatus.Cancelled),
                visits.Count(v => v.Status == AppointmentStatus.NoShow),
                visits.Any(v => v.NeedsReview && v.StartsAt >= now && v.Status == AppointmentStatus.Booked),
                await waitlist.ForClientAsync(id, cancellationToken))
            {
                Credits = walletSummary.Credits,
                WalletReceipts = walletSummary.Receipts,
            };
        }
    }
}
