using MicroSpa.Data;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Fees;

/// <summary>
/// The desk's confirmation page for a no-show or late-cancellation fee: the amount, the card it would be charged to
/// (the client's newest saved card valid today), the policy version the client accepted for this booking, and the fee
/// invoice when there is one (what is due, what was paid and how). Nothing is charged from this page without the
/// desk's button.
/// </summary>
public static class FeePage
{
    public sealed record Accepted(int Version, DateTime LocalAt);

    public sealed record Paid(decimal Amount, string? CardBrand, string? CardLastFour, string? Reference, DateTime LocalAt);

    public sealed record Result(
        Guid AppointmentId, string Client, bool HasEmail, string Service, DateTime LocalStart, AppointmentFees.Fee Fee, SavedCards.Card? Card,
        bool CardsUnreachable, Accepted? Policy, Guid? InvoiceId, long? InvoiceNumber, decimal? Due, IReadOnlyList<Paid> Payments, Guid SubmissionId)
    {
        public bool Settled => InvoiceId is not null && Due <= 0m;
    }

    public sealed class Handler(
        MicroSpaDbContext db, AppointmentFees.Handler fees, SavedCards cards, ClinicTimeZone zone, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <summary>The fee page; <c>repeat</c> is the submission of a charge whose answer was lost, which the form then repeats (the same charge at Stripe).</summary>
        public async Task<Result?> HandleAsync(Guid appointmentId, Guid? repeat, CancellationToken cancellationToken)
        {
            if (await fees.HandleAsync(appointmentId, cancellationToken) is not { } fee)
            {
                return null;
            }

            var a = await db.Appointments.AsNoTracking().Where(x => x.Id == appointmentId)
                .Select(x => new { x.ClientId, x.Client!.FirstName, x.Client.LastName, x.Client.Email, Service = x.Service!.Name, x.StartsAt })
                .SingleAsync(cancellationToken);
            var accepted = await db.PolicyAcceptances.AsNoTracking().Where(p => p.AppointmentId == appointmentId).OrderByDescending(p => p.AcceptedAt)
                .Select(p => new { p.PolicyVersion, p.AcceptedAt }).FirstOrDefaultAsync(cancellationToken);
            var invoice = await db.Invoices.AsNoTracking().Include(i => i.Entries).Where(i => i.AppointmentId == appointmentId).SingleOrDefaultAsync(cancellationToken);
            SavedCards.Card? card = null;
            var unreachable = false;
            if (invoice is null || invoice.Due > 0m || !invoice.IsIssued)
            {
                try
                {
                    var today = zone.Today(clock.GetUtcNow());
                    card = (await cards.ForClientAsync(a.ClientId, cancellationToken)).FirstOrDefault(c => c.ValidOn(today));
                }
                catch (Exception e) when (StripeFailures.IsFailure(e, cancellationToken))
                {
                    logger.LogWarning("Saved cards of client {ClientId} could not be read for a fee: {Error}", a.ClientId, e.GetType().Name);
                    unreachable = true;
                }
            }

            var payments = invoice?.Entries.Where(e => e.Kind == EntryKind.Payment).OrderBy(e => e.At)
                .Select(e => new Paid(e.Amount, e.CardBrand, e.CardLastFour, e.Reference, zone.ToLocal(e.At))).ToList() ?? [];
            return new Result(appointmentId, $"{a.FirstName} {a.LastName}", a.Email is not null, a.Service, zone.ToLocal(a.StartsAt), fee, card, unreachable,
                accepted is null ? null : new Accepted(accepted.PolicyVersion, zone.ToLocal(accepted.AcceptedAt)),
                invoice?.Id, invoice?.Number, invoice is { IsIssued: true } ? invoice.Due : null, payments, repeat is { } same && same != Guid.Empty ? same : Guid.NewGuid());
        }
    }
}
