using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>
/// One appointment as the front desk sees it: who, what, where, its status, history and the actions
/// allowed now. Screening shows only as complete / needs review, never the answers.
/// </summary>
public static class AppointmentCard
{
    public sealed record HistoryLine(DateTime LocalAt, string What, string By);

    public sealed record Result(
        Guid Id, Guid ServiceId, uint Version, string Client, string? Phone, string? Email, string Service, IReadOnlyList<string> Areas,
        string Provider, string Room, string? Device, DateTime LocalStart, DateTime LocalEnd, AppointmentStatus Status,
        CancellationReason? CancellationReason, string? CancellationNote, bool ScreeningDone, bool NeedsReview, bool ConsentSigned, BookingSource Source,
        IReadOnlyList<string> Actions, IReadOnlyList<HistoryLine> History, IReadOnlyList<Shared.WaitlistMatches.Match>? WaitlistMatches)
    {
        /// <summary>What the visit still lacks before treatment (screening, consent, clearance), as the desk may see it.</summary>
        public IReadOnlyList<Domain.Intake.GateItem> Missing { get; init; } = [];

        /// <summary>The service needs a medical clearance and the client has none in force.</summary>
        public bool ClearanceNeeded { get; init; }

        /// <summary>Deposits paid online for this appointment and what of each is still held.</summary>
        public IReadOnlyList<Data.Billing.DepositHeld> Deposits { get; init; } = [];

        /// <summary>The no-show or late-cancellation fee the policy sets, offered when the clinic takes online payments.</summary>
        public Shared.AppointmentFees.Fee? Fee { get; init; }
    }

    public sealed class Handler(
        MicroSpaDbContext db, Shared.WaitlistMatches.Handler waitlist, Shared.TreatmentGates gates, Data.Billing.DepositsHeld deposits,
        Shared.AppointmentFees.Handler fees, IOptions<Infrastructure.Payments.StripeOptions> stripe, ClinicTimeZone zone, TimeProvider clock)
    {
        public async Task<Result?> HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var a = await db.Appointments.AsNoTracking()
                .Where(x => x.Id == id)
                .Select(x => new
                {
                    x.Id, x.ServiceId, x.Version, x.Client!.FirstName, x.Client.LastName, x.Client.Phone, x.Client.Email, Service = x.Service!.Name,
                    Areas = x.BodyAreas.OrderBy(b => b.SortOrder).Select(b => b.Name).ToList(), Provider = x.Provider!.DisplayName,
                    Room = x.Room!.Name, Device = x.Device == null ? null : x.Device.Name, x.StartsAt, x.EndsAt, x.Status,
                    x.CancellationReason, x.CancellationNote, x.ScreeningId, x.NeedsReview, x.ConsentSignatureId, x.Source,
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (a is null)
            {
                return null;
            }

            var gate = (await gates.ForManyAsync([id], cancellationToken))[id];
            var history = await db.AppointmentEvents.AsNoTracking().Where(e => e.AppointmentId == id).OrderBy(e => e.At)
                .Select(e => new { e.At, e.What, e.ByName }).ToListAsync(cancellationToken);
            return new Result(a.Id, a.ServiceId, a.Version, $"{a.FirstName} {a.LastName}", a.Phone, a.Email, a.Service, a.Areas, a.Provider, a.Room, a.Device,
                zone.ToLocal(a.StartsAt), zone.ToLocal(a.EndsAt), a.Status, a.CancellationReason, a.CancellationNote, a.ScreeningId is not null,
                a.NeedsReview, a.ConsentSignatureId is not null, a.Source, ActionsFor(a.Status, a.StartsAt, clock.GetUtcNow()),
                history.Select(h => new HistoryLine(zone.ToLocal(h.At), h.What, h.ByName)).ToList(),
                a.Status == AppointmentStatus.Cancelled ? await waitlist.HandleAsync(id, cancellationToken) : null)
            {
                Missing = a.Status is AppointmentStatus.Booked or AppointmentStatus.CheckedIn ? gate.Missing : [],
                ClearanceNeeded = a.Status is AppointmentStatus.Booked or AppointmentStatus.CheckedIn && gate.ClearanceNeeded,
                Deposits = await deposits.ForAppointmentAsync(id, cancellationToken),
                Fee = stripe.Value.TakesOnlinePayments && a.Status is AppointmentStatus.NoShow or AppointmentStatus.Cancelled ? await fees.HandleAsync(id, cancellationToken) : null,
            };
        }

        private static List<string> ActionsFor(AppointmentStatus status, DateTimeOffset startsAt, DateTimeOffset now) => status switch
        {
            AppointmentStatus.Booked when now >= startsAt => [ChangeAppointmentStatus.CheckIn, ChangeAppointmentStatus.NoShow, ChangeAppointmentStatus.Cancel],
            AppointmentStatus.Booked => [ChangeAppointmentStatus.CheckIn, ChangeAppointmentStatus.Cancel],
            AppointmentStatus.CheckedIn => [ChangeAppointmentStatus.Start, ChangeAppointmentStatus.Cancel],
            AppointmentStatus.InTreatment => [ChangeAppointmentStatus.Complete],
            _ => [],
        };
    }
}
