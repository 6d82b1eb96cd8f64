using MicroSpa.Data;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.MyAppointments;

/// <summary>The signed-in client's appointments, upcoming and past, and what they may still do with each.</summary>
public static class MyAppointmentList
{
    public sealed record Item(
        Guid Id, string Service, IReadOnlyList<string> Areas, string Provider, DateTimeOffset StartsAt, DateTime LocalStart,
        AppointmentStatus Status, bool CanChangeOnline, bool NeedsReview)
    {
        /// <summary>Held for its deposit (or card): until when, clinic time.</summary>
        public DateTime? PayBy { get; init; }
    }

    public sealed record Result(
        IReadOnlyList<Item> Upcoming, IReadOnlyList<Item> Past, int CancellationCutoffHours, IReadOnlyList<WaitlistEntries.Item> Waitlist)
    {
        /// <summary>Visits whose aftercare plan is issued.</summary>
        public IReadOnlySet<Guid> WithAftercare { get; init; } = new HashSet<Guid>();

        public IReadOnlyList<PlanOverview.Item> Plans { get; init; } = [];

        /// <summary>Per plan (by id): its sessions left beside the client's prepaid credits for it.</summary>
        public IReadOnlyDictionary<Guid, PlanPackages.Standing> PlanCredits { get; init; } = new Dictionary<Guid, PlanPackages.Standing>();

        public DateOnly Today { get; init; }

        public bool OptedOutOfReminders { get; init; }
    }

    public sealed class Handler(
        MicroSpaDbContext db, ClinicMoney money, CurrentClient currentClient, WaitlistEntries.Handler waitlist, MyAftercare.Handler aftercare, PlanOverview.Handler plans, PlanPackages.Handler planPackages, ClinicTimeZone zone, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(CancellationToken cancellationToken)
        {
            var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);
            var items = await LoadAsync(null, policy, cancellationToken);
            var clientId = await currentClient.IdAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var running = clientId is { } planned ? await plans.ForClientAsync(planned, cancellationToken) : [];
            var credits = clientId is { } owner ? await planPackages.ForPlansAsync(owner, running, cancellationToken) : [];
            return new Result(
                items.Where(i => i.StartsAt >= now && i.Status != AppointmentStatus.Cancelled).OrderBy(i => i.StartsAt).ToList(),
                items.Where(i => i.StartsAt < now || i.Status == AppointmentStatus.Cancelled).OrderByDescending(i => i.StartsAt).ToList(),
                policy.CancellationCutoffHours,
                clientId is { } waiting ? await waitlist.ForClientAsync(waiting, cancellationToken) : [])
            {
                WithAftercare = await aftercare.WithPlansAsync(cancellationToken),
                Plans = running,
                PlanCredits = credits.ToDictionary(c => c.PlanId),
                Today = zone.Today(now),
                OptedOutOfReminders = clientId is { } id
                    && await db.Clients.Where(c => c.Id == id).Select(c => c.OptedOutOfReminders).SingleOrDefaultAsync(cancellationToken),
            };
        }

        /// <summary>
        /// What the client paid or left when booking online, in the words of the confirmation email: the deposit with its card,
        /// or that the card is saved and nothing was charged. Null when the booking asked for neither.
        /// </summary>
        public async Task<string?> PaidAtBookingAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.IdAsync(cancellationToken);
            var deposit = await db.OnlinePayments.AsNoTracking()
                .Where(p => p.AppointmentId == appointmentId && p.ClientId == clientId && p.Purpose == OnlinePurpose.Deposit)
                .OrderBy(p => p.ReceivedAt).Select(p => new { p.Amount, p.Currency, p.CardBrand, p.CardLastFour }).FirstOrDefaultAsync(cancellationToken);
            if (deposit is not null)
            {
                var card = deposit.CardBrand is { } brand && deposit.CardLastFour is { } last4 ? $" ({SavedCards.BrandName(brand)} ending {last4})" : string.Empty;
                return $"Deposit paid: {money.Format(new Money(deposit.Amount, deposit.Currency))}{card}. It counts toward your visit.";
            }

            var cardSaved = await db.OnlineCheckouts.AsNoTracking()
                .AnyAsync(c => c.AppointmentId == appointmentId && c.ClientId == clientId && c.Purpose == OnlinePurpose.SaveCard, cancellationToken)
                && await db.Appointments.AsNoTracking().AnyAsync(a => a.Id == appointmentId && a.Status != AppointmentStatus.Held, cancellationToken);
            return cardSaved ? BookingRequirement.CardSummary : null;
        }

        public async Task<Item?> OneAsync(Guid appointmentId, CancellationToken cancellationToken) =>
            (await LoadAsync(appointmentId, await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken), cancellationToken)).SingleOrDefault();

        private async Task<List<Item>> LoadAsync(Guid? appointmentId, BookingPolicy policy, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.IdAsync(cancellationToken);
            var rows = await db.Appointments.AsNoTracking()
                .Where(a => a.ClientId == clientId && (appointmentId == null || a.Id == appointmentId))
                .Select(a => new
                {
                    a.Id, Service = a.Service!.Name, Areas = a.BodyAreas.OrderBy(b => b.SortOrder).Select(b => b.Name).ToList(),
                    Provider = a.Provider!.DisplayName, a.StartsAt, a.Status, a.NeedsReview, a.HeldUntil,
                })
                .ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            return rows.Select(r => new Item(r.Id, r.Service, r.Areas, r.Provider, r.StartsAt, zone.ToLocal(r.StartsAt), r.Status,
                    r.Status == AppointmentStatus.Booked && now + policy.CancellationCutoff <= r.StartsAt, r.NeedsReview)
                {
                    PayBy = r.Status == AppointmentStatus.Held && r.HeldUntil is { } until ? zone.ToLocal(until) : null,
                })
                .ToList();
        }
    }
}
