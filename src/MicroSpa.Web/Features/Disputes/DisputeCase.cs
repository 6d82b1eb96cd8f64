using System.Text.RegularExpressions;
using MicroSpa.Data;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Disputes;

/// <summary>
/// One dispute as the Admin answers it, with its evidence packet: what the bank claims and where it stands (from
/// Stripe's events), the payment (amount, card, date, pi_), the payment policy version the client accepted with its
/// full text and the words asked, when, from which address and browser, the emails sent about the appointment (its
/// confirmation, moves and reminders), the appointment's history, and the receipts of its invoices. Every opening
/// is a read of a client's record, audited (the page: dispute.view; the PDF: dispute.packet).
/// </summary>
public static partial class DisputeCase
{
    public const string ViewAction = "dispute.view";
    public const string PacketAction = "dispute.packet";

    public sealed record StripeEvent(DateTime LocalAt, string Type, string? Status);

    public sealed record Payment(
        OnlinePurpose Purpose, decimal Amount, string Currency, string? CardBrand, string? CardLastFour, DateTime LocalReceived, string PaymentIntentId,
        string? ChargeId, string? CheckoutSessionId, IReadOnlyList<Refund> Refunds)
    {
        public string Card => CardBrand is null && CardLastFour is null ? "—" : $"{CardBrand ?? "Card"} ending {CardLastFour ?? "?"}";

        public string PurposeWords => Purpose switch
        {
            OnlinePurpose.Deposit => "Deposit taken when booking online",
            OnlinePurpose.Fee => "Late cancellation or no-show fee",
            _ => Purpose.ToString(),
        };
    }

    public sealed record Refund(string Id, decimal Amount, string Reason, DateTime LocalAt);

    public sealed record Appointment(
        Guid Id, string Service, string Provider, DateTime LocalStarts, DateTime LocalEnds, string Status, string Source, DateTime LocalBooked, decimal Price);

    public sealed record Acceptance(
        int PolicyVersion, DateTime LocalPublished, string PolicyText, string Asked, DateTime LocalAccepted, string? Address, string? Browser);

    public sealed record HistoryLine(DateTime LocalAt, string What, string By);

    public sealed record EmailLine(DateTime LocalQueued, DateTime? LocalSent, string Kind, string Subject, string To, string Status);

    public sealed record Result(
        string Id, string ChargeId, string? PaymentIntentId, DateTime LocalOpened, decimal Amount, string Currency, string Reason, string ReasonCode,
        string Status, bool NeedsResponse, DateTime? LocalDueBy, IReadOnlyList<StripeEvent> Events, Guid? ClientId, string? Client, string? ClientEmail,
        Payment? Paid, Appointment? Visit, IReadOnlyList<Acceptance> Acceptances, IReadOnlyList<EmailLine> Emails, IReadOnlyList<HistoryLine> History,
        IReadOnlyList<Receipts.Receipt> Receipts, string ClinicName, DateTime LocalPrepared)
    {
        public string FileName => $"dispute-{Id}-evidence.pdf";
    }

    /// <summary>A dispute id as Stripe writes them: anything else is no dispute (404), never a query.</summary>
    public static bool IsDisputeId(string? id) => id is { Length: > 3 and <= ProviderIds.Length } && DisputeId().IsMatch(id);

    [GeneratedRegex("^dp_[A-Za-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DisputeId();

    public sealed class Handler(
        MicroSpaDbContext db, ClinicTimeZone zone, ClinicMoney money, PaymentPolicyWording.Handler wording, Receipts.Handler receipts,
        ClinicalAudit audit, Microsoft.Extensions.Options.IOptions<ClinicOptions> clinic, TimeProvider clock)
    {
        /// <summary>The case, audited with <paramref name="auditAction"/>; null for an id that is no dispute of this clinic.</summary>
        public async Task<Result?> HandleAsync(string? id, string auditAction, CancellationToken cancellationToken)
        {
            if (!IsDisputeId(id) || await db.PaymentDisputes.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken) is not { } dispute)
            {
                return null;
            }

            var culture = money.Culture;
            var party = (await DisputeParties.ReadAsync(db, zone, culture, [dispute], cancellationToken))[dispute.Id];
            var latest = (await DisputeStatus.ReadAsync(db, [dispute.Id], cancellationToken)).GetValueOrDefault(dispute.Id);
            var events = await db.PaymentEvents.AsNoTracking().Where(e => e.ObjectId == dispute.Id).OrderBy(e => e.CreatedAt).ThenBy(e => e.ReceivedAt)
                .Select(e => new { e.CreatedAt, e.Type, e.Payload }).ToListAsync(cancellationToken);

            var client = party.ClientId is { } clientId
                ? await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { Name = c.FirstName + " " + c.LastName, c.Email }).SingleOrDefaultAsync(cancellationToken)
                : null;
            var payment = party.PaymentId is { } paymentId ? await PaymentAsync(paymentId, cancellationToken) : null;
            var appointmentId = party.AppointmentId;
            var visit = appointmentId is { } aid ? await AppointmentAsync(aid, cancellationToken) : null;
            IReadOnlyList<Acceptance> acceptances = [];
            IReadOnlyList<HistoryLine> history = [];
            IReadOnlyList<EmailLine> emails = [];
            var invoiceIds = new List<Guid>();
            if (visit is not null)
            {
                acceptances = await AcceptancesAsync(visit.Id, cancellationToken);
                history = [.. (await db.AppointmentEvents.AsNoTracking().Where(e => e.AppointmentId == visit.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken))
                    .Select(e => new HistoryLine(zone.ToLocal(e.At), e.What, e.ByName))];
                emails = await EmailsAsync(visit.Id, cancellationToken);
                invoiceIds.AddRange(await db.Invoices.AsNoTracking().Where(i => i.AppointmentId == visit.Id).OrderBy(i => i.Number).Select(i => i.Id).ToListAsync(cancellationToken));
            }

            if (party.PaymentId is { } pid && await db.OnlinePayments.AsNoTracking().Where(p => p.Id == pid).Select(p => p.InvoiceId).SingleAsync(cancellationToken) is { } feeInvoice
                && !invoiceIds.Contains(feeInvoice))
            {
                invoiceIds.Add(feeInvoice);
            }

            var found = new List<Receipts.Receipt>();
            foreach (var invoiceId in invoiceIds)
            {
                if (await receipts.ForInvoiceAsync(invoiceId, null, cancellationToken) is { } receipt)
                {
                    found.Add(receipt);
                }
            }

            // Reading the packet is reading the client's record: who, when, from where (the dp_ id in the detail).
            audit.Add(party.ClientId, auditAction, appointmentId, dispute.Id);
            await db.SaveChangesAsync(cancellationToken);

            return new Result(
                dispute.Id, dispute.ChargeId, dispute.PaymentIntentId, zone.ToLocal(dispute.OpenedAt), dispute.Amount, dispute.Currency,
                DisputeStatus.Reason(dispute.Reason), dispute.Reason, latest?.Words ?? DisputeStatus.Describe("needs_response"), latest?.NeedsResponse ?? true,
                latest?.DueBy is { } due ? zone.ToLocal(due) : null,
                [.. events.Select(e => new StripeEvent(zone.ToLocal(e.CreatedAt), e.Type, StatusOf(e.Payload)))],
                party.ClientId, client?.Name, client?.Email, payment, visit, acceptances, emails, history, found, clinic.Value.Name, zone.ToLocal(clock.GetUtcNow()));
        }

        private static string? StatusOf(string payload) => DisputeStatus.StatusIn(payload) is { } status ? DisputeStatus.Describe(status) : null;

        private async Task<Payment> PaymentAsync(Guid paymentId, CancellationToken cancellationToken)
        {
            var p = await db.OnlinePayments.AsNoTracking().SingleAsync(p => p.Id == paymentId, cancellationToken);
            var refunds = await db.OnlineRefunds.AsNoTracking().Where(r => r.PaymentIntentId == p.PaymentIntentId).OrderBy(r => r.At).ToListAsync(cancellationToken);
            return new Payment(p.Purpose, p.Amount, p.Currency, p.CardBrand, p.CardLastFour, zone.ToLocal(p.ReceivedAt), p.PaymentIntentId, p.ChargeId,
                p.CheckoutSessionId, [.. refunds.Select(r => new Refund(r.Id, r.Amount, RefundReason(r.Reason), zone.ToLocal(r.At)))]);
        }

        private async Task<Appointment?> AppointmentAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            var a = await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId)
                .Select(a => new { a.Id, Service = a.Service!.Name, Provider = a.Provider!.DisplayName, a.StartsAt, a.EndsAt, a.Status, a.Source, a.CreatedAt, a.PriceAtBooking })
                .SingleOrDefaultAsync(cancellationToken);
            return a is null ? null : new Appointment(a.Id, a.Service, a.Provider, zone.ToLocal(a.StartsAt), zone.ToLocal(a.EndsAt), StatusLabels.For(a.Status),
                a.Source switch { BookingSource.Online => "Online, by the client", BookingSource.FrontDesk => "By the front desk", BookingSource.Waitlist => "From the waitlist, by the client", BookingSource.Imported => "Imported from the clinic's previous system", _ => a.Source.ToString() },
                zone.ToLocal(a.CreatedAt), a.PriceAtBooking);
        }

        private async Task<IReadOnlyList<Acceptance>> AcceptancesAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            var rows = await (
                    from a in db.PolicyAcceptances.AsNoTracking()
                    where a.AppointmentId == appointmentId
                    join p in db.PaymentPolicyTexts.AsNoTracking() on a.PolicyVersion equals p.Version
                    orderby a.AcceptedAt
                    select new { a.PolicyVersion, a.Asked, a.AcceptedAt, a.Address, a.UserAgent, Policy = p })
                .ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return [];
            }

            var values = await wording.ValuesAsync(cancellationToken);
            return [.. rows.Select(r => new Acceptance(r.PolicyVersion, zone.ToLocal(r.Policy.PublishedAt), r.Policy.Fill(values), r.Asked, zone.ToLocal(r.AcceptedAt), r.Address, r.UserAgent))];
        }

        /// <summary>
        /// Every email about the appointment (its outbox key names it: booked, moved, cancelled, the visit reminder, …), with
        /// when it was queued and sent. Bodies may be cleared by housekeeping; the subject, recipient and times stay.
        /// </summary>
        private async Task<IReadOnlyList<EmailLine>> EmailsAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            var named = $"%:{appointmentId}:%";
            var rows = await db.Outbox.AsNoTracking().Where(m => EF.Functions.Like(m.Key, named)).OrderBy(m => m.CreatedAt)
                .Select(m => new { m.CreatedAt, m.SentAt, m.Kind, m.Subject, m.To, m.Status }).ToListAsync(cancellationToken);
            return [.. rows.Select(m => new EmailLine(zone.ToLocal(m.CreatedAt), m.SentAt is { } sent ? zone.ToLocal(sent) : null, EmailKind(m.Kind), m.Subject, m.To,
                m.Status switch { Domain.Messaging.OutboxStatus.Sent => "Sent", Domain.Messaging.OutboxStatus.Failed => "Not delivered (given up)", _ => "Waiting to be sent" }))];
        }

        private static string EmailKind(string kind) => kind switch
        {
            "visit-reminder" => "Reminder before the visit",
            "appointment-booked" => "Booking confirmation",
            "appointment-moved" => "Appointment moved",
            "appointment-cancelled" => "Appointment cancelled",
            _ => kind.Replace('-', ' '),
        };

        private static string RefundReason(OnlineRefundReason reason) => reason switch
        {
            OnlineRefundReason.HoldExpired => "paid after the booking's hold lapsed",
            OnlineRefundReason.CancelledInTime => "cancelled within the policy",
            OnlineRefundReason.ByStaff => "given back by the clinic",
            OnlineRefundReason.AtProvider => "refunded in Stripe",
            _ => reason.ToString(),
        };
    }
}
