using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Domain;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Memberships;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Memberships;

/// <summary>The steps the desk takes on a membership, each under the membership's lock, audited and emailed (decision 061).</summary>
internal static class ChangeMembership
{
    public static async Task<Outcome?> RunAsync(
        MicroSpaDbContext db, Wallet wallet, Infrastructure.Actor actor, TimeProvider clock, ClinicTimeZone zone, Guid clientId, Guid membershipId,
        Func<Membership, MembershipPlan, DateOnly, DateTimeOffset, Task<string>> change, CancellationToken cancellationToken)
    {
        var by = actor.ForLedger;
        try
        {
            return await db.InTransactionAsync<Outcome?>(
                async token =>
                {
                    await wallet.LockMembershipAsync(membershipId, token);
                    var membership = await db.Memberships.Include(m => m.Pauses).SingleOrDefaultAsync(m => m.Id == membershipId && m.ClientId == clientId, token);
                    if (membership is null)
                    {
                        return null;
                    }

                    var plan = await db.MembershipPlans.AsNoTracking().SingleAsync(p => p.Id == membership.PlanId, token);
                    var now = clock.GetUtcNow();
                    var audit = await change(membership, plan, zone.Today(now), now);
                    db.AuditEntries.Add(new AuditEntry(by.UserId, by.UserName, clientId, "money.membership", membership.Id, now, audit, by.Address));
                    await db.SaveChangesAsync(token);
                    return Outcome.Success;
                },
                null,
                cancellationToken);
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            return Outcome.Fail(e.Field ?? string.Empty, e.Message);
        }
    }
}

/// <summary>Pauses a membership from next month for 1 to the plan's months (within its limit in twelve); the client is emailed.</summary>
public static class PauseMembership
{
    public sealed class Command
    {
        public int Months { get; set; } = 1;
    }

    public sealed class Handler(MicroSpaDbContext db, Wallet wallet, Infrastructure.Actor actor, MembershipEmails emails, TimeProvider clock, ClinicTimeZone zone)
    {
        public Task<Outcome?> HandleAsync(Guid clientId, Guid membershipId, Command command, CancellationToken cancellationToken) =>
            ChangeMembership.RunAsync(db, wallet, actor, clock, zone, clientId, membershipId, async (membership, plan, today, now) =>
            {
                if (membership.Collection == MembershipCollection.Stripe)
                {
                    throw new DomainException("A membership charged by card is paused through Stripe: not from this page yet.", "Months");
                }

                var pause = membership.Pause(command.Months, plan.PauseMonthsPerYear, today, actor.ForLedger.UserId, now);
                var from = membership.PeriodStart(pause.FirstNumber);
                var until = membership.PeriodStart(pause.FirstNumber + pause.Months);
                await emails.QueueAsync(membership.ClientId, $"membership-paused:{pause.Id}", "membership-paused", $"your {plan.Name} membership is paused",
                    [$"Your {plan.Name} membership is paused from {emails.Day(from)}; nothing is charged until {emails.Day(until)}, when it starts again."], cancellationToken);
                return $"paused {pause.Months} months from {from:yyyy-MM-dd}";
            }, cancellationToken);
    }
}

/// <summary>Ends a pause at next month's start (or calls off one to come); the client is emailed.</summary>
public static class ResumeMembership
{
    public sealed class Handler(MicroSpaDbContext db, Wallet wallet, Infrastructure.Actor actor, MembershipEmails emails, TimeProvider clock, ClinicTimeZone zone)
    {
        public Task<Outcome?> HandleAsync(Guid clientId, Guid membershipId, CancellationToken cancellationToken) =>
            ChangeMembership.RunAsync(db, wallet, actor, clock, zone, clientId, membershipId, async (membership, plan, today, now) =>
            {
                var pause = membership.Resume(today);
                var from = membership.PeriodStart(Math.Max(membership.PeriodNumberOn(today) + 1, pause.FirstNumber));
                await emails.QueueAsync(membership.ClientId, $"membership-resumed:{pause.Id}:{pause.Months}", "membership-resumed", $"your {plan.Name} membership starts again",
                    [$"Your {plan.Name} membership runs again from {emails.Day(from)}, charged {emails.Amount(membership.MonthlyPrice)} a month."], cancellationToken);
                return $"resumed from {from:yyyy-MM-dd}";
            }, cancellationToken);
    }
}

/// <summary>Gives notice: the membership runs to the end of the month in which the plan's notice ends; the client is emailed.</summary>
public static class CancelMembership
{
    public sealed class Handler(MicroSpaDbContext db, Wallet wallet, Infrastructure.Actor actor, MembershipEmails emails, TimeProvider clock, ClinicTimeZone zone)
    {
        public Task<Outcome?> HandleAsync(Guid clientId, Guid membershipId, CancellationToken cancellationToken) =>
            ChangeMembership.RunAsync(db, wallet, actor, clock, zone, clientId, membershipId, async (membership, plan, today, now) =>
            {
                if (membership.Collection == MembershipCollection.Stripe)
                {
                    throw new DomainException("A membership charged by card is cancelled through Stripe: not from this page yet.");
                }

                var ends = membership.Cancel(plan.CancellationNoticeDays, "Notice given at the desk", today);
                await emails.QueueAsync(membership.ClientId, $"membership-cancelled:{membership.Id}", "membership-cancelled", $"your {plan.Name} membership ends on {emails.Day(ends)}",
                    [$"We received your notice. Your {plan.Name} membership runs until {emails.Day(ends.AddDays(-1))}; the months starting before then are charged, none after."],
                    cancellationToken);
                return $"notice given: ends on {ends:yyyy-MM-dd}";
            }, cancellationToken);
    }
}
