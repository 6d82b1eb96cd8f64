using System.Security.Cryptography;
using System.Text;
using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Data.Identity;
using MicroSpa.Domain;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Memberships;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Memberships;

public enum MembershipOutcomeStatus
{
    Done,

    /// <summary>Told before (a webhook sent again, a second instance): nothing was written again.</summary>
    AlreadyDone,
    NotFound,

    /// <summary>A rule refused it: <see cref="MembershipOutcome.Message"/> says which; nothing was written.</summary>
    Refused,
}

public sealed record MembershipOutcome(MembershipOutcomeStatus Status, string? Message = null)
{
    public static MembershipOutcome Done { get; } = new(MembershipOutcomeStatus.Done);
    public static MembershipOutcome AlreadyDone { get; } = new(MembershipOutcomeStatus.AlreadyDone);
    public static MembershipOutcome NotFound { get; } = new(MembershipOutcomeStatus.NotFound);
}

/// <summary>
/// What Stripe Billing tells of a membership collected by Stripe (decision 061), called by Features/Memberships/StripeBilling's
/// webhook actions. Each call runs in one transaction under the membership's lock and reads its months again there, so a webhook
/// sent twice, or to two instances at once, writes once. A month is the one containing the Stripe invoice's period start (as a
/// clinic day). Paying a month forfeits every older month still owed: only the current month is ever charged.
/// </summary>
public sealed class MembershipBilling(
    MicroSpaDbContext db, Wallet wallet, Ledger ledger, MembershipEmails emails, ClinicTimeZone zone, TimeProvider clock, ILogger<MembershipBilling> logger)
{
    /// <summary>The ledger's submission id of a month paid through Stripe: the same pi_ gives the same id, so it is taken once.</summary>
    public static Guid SubmissionFor(string paymentIntentId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"microspa-membership-payment:{paymentIntentId}"))[..16]);

    public Task<MembershipOutcome> AttachStripeSubscriptionAsync(Guid membershipId, string customerId, string subscriptionId, CancellationToken cancellationToken) =>
        OnMembershipAsync(membershipId, (membership, _, _) =>
        {
            if (membership.StripeSubscriptionId == subscriptionId)
            {
                return Task.FromResult(MembershipOutcome.AlreadyDone);
            }

            membership.AttachStripe(customerId, subscriptionId);
            return Task.FromResult(MembershipOutcome.Done);
        }, cancellationToken);

    /// <summary>
    /// Stripe's invoice for the month starting <paramref name="periodStart"/> was paid: the month is opened if need be, paid on the
    /// ledger (an invoice with the month's line and a card payment naming <paramref name="paymentIntentId"/>), older owed months
    /// forfeited, the month's sessions issued and the client emailed. Refused when the amount is not the month's price.
    /// </summary>
    public Task<MembershipOutcome> PaidOnlineAsync(
        Guid membershipId, DateTimeOffset periodStart, decimal amount, string currency, string stripeInvoiceId, string paymentIntentId, string? cardBrand,
        string? cardLastFour, CancellationToken cancellationToken) =>
        OnMembershipAsync(membershipId, async (membership, now, token) =>
        {
            var period = await MonthAsync(membership, periodStart, now, token);
            if (period.State == PeriodState.Paid)
            {
                return MembershipOutcome.AlreadyDone;
            }

            if (amount != period.Amount || currency != period.Currency)
            {
                return new MembershipOutcome(MembershipOutcomeStatus.Refused,
                    $"The month costs {period.Amount:0.00} {period.Currency}; Stripe reported {amount:0.00} {currency}.");
            }

            if (period.State == PeriodState.Forfeited)
            {
                return new MembershipOutcome(MembershipOutcomeStatus.Refused, $"The month of {period.StartsOn:yyyy-MM-dd} is no longer owed (a later month was opened).");
            }

            period.BilledAs(stripeInvoiceId);
            await db.SaveChangesAsync(token);
            var plan = await db.MembershipPlans.AsNoTracking().SingleAsync(p => p.Id == membership.PlanId, token);
            var user = await OnlineShopUser.EnsureAsync(db, now, token);
            var invoice = Domain.Billing.Invoice.WalkIn(membership.ClientId, period.Currency, user, now);
            invoice.AddMembershipMonth(membership, period, plan.Name);
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync(token);
            var actor = new Actor(user, "Membership (Stripe)");
            var issued = await ledger.IssueAsync(invoice.Id, actor, token);
            var taken = issued.Status == LedgerStatus.Done
                ? await ledger.RecordProviderCardAsync(invoice.Id, new ProviderCharge(amount, paymentIntentId, cardBrand, cardLastFour), SubmissionFor(paymentIntentId), actor, token)
                : issued;
            if (taken.Status != LedgerStatus.Done)
            {
                // The ledger refused it (the clinic day closed): nothing is kept, Stripe sends the event again.
                throw new InvalidOperationException($"Membership {membership.Id}: the ledger did not take the month's payment ({taken.Status}: {taken.Message}).");
            }

            await db.Entry(period).ReloadAsync(token);
            await emails.QueueAsync(membership.ClientId, $"membership-paid:{period.Id}", "membership-paid", $"your {plan.Name} month is paid",
                [$"Thank you: your {plan.Name} membership for the month from {emails.Day(period.StartsOn)} is paid ({emails.Amount(period.Amount)}).",
                 plan.SessionsPerMonth > 0 ? $"Your {plan.SessionsPerMonth} {(plan.SessionsPerMonth == 1 ? "session" : "sessions")} of the month are in your wallet." : "Your member discount applies this month."],
                token);
            logger.LogInformation("Membership {MembershipId} month {Number} paid through Stripe ({PaymentIntentId}) on invoice {InvoiceId}", membership.Id, period.Number, paymentIntentId, invoice.Id);
            return MembershipOutcome.Done;
        }, cancellationToken);

    /// <summary>
    /// Stripe's charge of the month failed (attempt <paramref name="attemptCount"/>): the month stays owed with its attempts counted,
    /// so its benefits and the member discount wait; the client is emailed once per attempt.
    /// </summary>
    public Task<MembershipOutcome> PaymentFailedAsync(
        Guid membershipId, DateTimeOffset periodStart, string stripeInvoiceId, int attemptCount, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken) =>
        OnMembershipAsync(membershipId, async (membership, now, token) =>
        {
            var period = await MonthAsync(membership, periodStart, now, token);
            if (period.StripeInvoiceId is null)
            {
                period.BilledAs(stripeInvoiceId);
            }

            if (!period.ChargeFailed(attemptCount, nextAttemptAt))
            {
                return MembershipOutcome.AlreadyDone;
            }

            var plan = await db.MembershipPlans.AsNoTracking().SingleAsync(p => p.Id == membership.PlanId, token);
            var next = nextAttemptAt is { } at ? $"We will try your card again on {emails.Day(zone.Today(at))}." : "Please update your card with us.";
            await emails.QueueAsync(membership.ClientId, $"membership-failed:{period.Id}:{attemptCount}", "membership-failed", $"your {plan.Name} payment did not go through",
                [$"We could not charge {emails.Amount(period.Amount)} for your {plan.Name} month from {emails.Day(period.StartsOn)}.",
                 $"{next} Your member benefits wait until the month is paid; only this month is charged, never the months missed."],
                token);
            db.AuditEntries.Add(new AuditEntry(OnlineShopUser.Id, OnlineShopUser.DisplayName, membership.ClientId, "money.membership", period.Id, now,
                $"month {period.Number} ({period.StartsOn:yyyy-MM-dd}): charge failed, attempt {attemptCount}", null));
            await OnlineShopUser.EnsureAsync(db, now, token);
            return MembershipOutcome.Done;
        }, cancellationToken);

    /// <summary>Stripe ended the subscription: the membership ends on that clinic day, months still owed are forfeited, the client is told.</summary>
    public Task<MembershipOutcome> SubscriptionEndedAsync(Guid membershipId, DateTimeOffset endedAt, CancellationToken cancellationToken) =>
        OnMembershipAsync(membershipId, async (membership, now, token) =>
        {
            var day = zone.Today(endedAt);
            if (membership.EndsOn is { } end && end <= day)
            {
                return MembershipOutcome.AlreadyDone;
            }

            membership.End(day, "Stripe ended the subscription");
            foreach (var owed in await db.MembershipPeriods.Where(p => p.MembershipId == membership.Id && p.State == PeriodState.Due).ToListAsync(token))
            {
                owed.Forfeit(now);
            }

            var plan = await db.MembershipPlans.AsNoTracking().SingleAsync(p => p.Id == membership.PlanId, token);
            await emails.QueueAsync(membership.ClientId, $"membership-ended:{membership.Id}", "membership-ended", $"your {plan.Name} membership has ended",
                [$"Your {plan.Name} membership ended on {emails.Day(membership.EndsOn!.Value)}. Nothing more will be charged.",
                 "Sessions already in your wallet can be used until their last day."],
                token);
            return MembershipOutcome.Done;
        }, cancellationToken);

    /// <summary>The month containing <paramref name="periodStart"/>'s clinic day, read under the lock, opened (and saved) if it was not yet.</summary>
    private async Task<MembershipPeriod> MonthAsync(Membership membership, DateTimeOffset periodStart, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var number = membership.PeriodNumberOn(zone.Today(periodStart));
        if (number < 0)
        {
            throw new DomainException("Stripe's period starts before the client joined.");
        }

        var period = await db.MembershipPeriods.SingleOrDefaultAsync(p => p.MembershipId == membership.Id && p.Number == number, cancellationToken);
        if (period is not null)
        {
            await db.Entry(period).ReloadAsync(cancellationToken);
            return period;
        }

        period = membership.OpenPeriod(number, now);
        db.MembershipPeriods.Add(period);
        await db.SaveChangesAsync(cancellationToken);
        return period;
    }

    private async Task<MembershipOutcome> OnMembershipAsync(
        Guid membershipId, Func<Membership, DateTimeOffset, CancellationToken, Task<MembershipOutcome>> change, CancellationToken cancellationToken)
    {
        try
        {
            return await db.InTransactionAsync(
                async token =>
                {
                    await wallet.LockMembershipAsync(membershipId, token);
                    var membership = await db.Memberships.Include(m => m.Pauses).SingleOrDefaultAsync(m => m.Id == membershipId, token);
                    if (membership is null)
                    {
                        return MembershipOutcome.NotFound;
                    }

                    await db.Entry(membership).ReloadAsync(token);
                    var outcome = await change(membership, clock.GetUtcNow(), token);
                    if (outcome.Status == MembershipOutcomeStatus.Refused)
                    {
                        throw new DomainException(outcome.Message ?? "Refused.");
                    }

                    await db.SaveChangesAsync(token);
                    return outcome;
                },
                null,
                cancellationToken);
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            logger.LogWarning("Membership {MembershipId}: Stripe's news refused: {Reason}", membershipId, e.Message);
            return new MembershipOutcome(MembershipOutcomeStatus.Refused, e.Message);
        }
    }
}
