using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Domain;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Memberships;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Memberships;

/// <summary>
/// The desk joins a client to a plan (decision 061): one membership not ended per client, refused otherwise. A plan collected at the
/// desk opens its first month as owed at once (the desk charges it at checkout: its sessions are the client's once paid); a plan
/// collected by Stripe needs Stripe Billing's side (<see cref="IMembershipSubscriptions"/>), refused without it.
/// </summary>
public static class JoinMembership
{
    public sealed class Command
    {
        public Guid? PlanId { get; set; }
    }

    public sealed class Handler(
        MicroSpaDbContext db, Wallet wallet, Infrastructure.Actor actor, MembershipEmails emails, ClinicTimeZone zone, TimeProvider clock,
        IEnumerable<IMembershipSubscriptions> subscriptions)
    {
        public async Task<Outcome?> HandleAsync(Guid clientId, Command command, CancellationToken cancellationToken)
        {
            if (!await db.Clients.AnyAsync(c => c.Id == clientId, cancellationToken))
            {
                return null;
            }

            var plan = await db.MembershipPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.PlanId, cancellationToken);
            if (plan is null)
            {
                return Outcome.Fail(nameof(Command.PlanId), "Choose a plan from the list.");
            }

            var stripe = subscriptions.FirstOrDefault();
            if (plan.Collection == MembershipCollection.Stripe && stripe is null)
            {
                return Outcome.Fail(nameof(Command.PlanId), $"{plan.Name} is charged by card through Stripe, which is not set up here: choose a plan collected at the desk.");
            }

            var by = actor.ForLedger;
            try
            {
                return await db.InTransactionAsync<Outcome>(
                    async token =>
                    {
                        // One client at a time (two desks joining the same client): the client's row is the lock.
                        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM clients WHERE id = {clientId} FOR UPDATE", token);
                        var now = clock.GetUtcNow();
                        var today = zone.Today(now);
                        var current = await db.Memberships.AsNoTracking().Where(m => m.ClientId == clientId && (m.EndsOn == null || m.EndsOn > today))
                            .Select(m => (Guid?)m.PlanId).FirstOrDefaultAsync(token);
                        if (current is not null)
                        {
                            return Outcome.Fail(nameof(Command.PlanId), "The client is a member already: give notice on that membership first.");
                        }

                        var membership = Membership.Join(clientId, plan, today, by.UserId, now);
                        db.Memberships.Add(membership);
                        await db.SaveChangesAsync(token);
                        await wallet.LockMembershipAsync(membership.Id, token);
                        if (plan.Collection == MembershipCollection.Desk)
                        {
                            db.MembershipPeriods.Add(membership.OpenPeriod(0, now));
                        }
                        else
                        {
                            await stripe!.StartAsync(membership.Id, token);
                        }

                        db.AuditEntries.Add(new AuditEntry(by.UserId, by.UserName, clientId, "money.membership", membership.Id, now,
                            $"joined {plan.Name} at {plan.MonthlyPrice:0.00} {plan.Currency} a month ({plan.Collection})", by.Address));
                        await emails.QueueAsync(clientId, $"membership-joined:{membership.Id}", "membership-joined", $"welcome to {plan.Name}",
                            [$"You are a member of {plan.Name} from {emails.Day(today)}: {emails.Amount(plan.MonthlyPrice)} a month, each month starting on the same day of the month.",
                             plan.Collection == MembershipCollection.Desk ? "The month is charged at the desk at your next visit; its benefits are yours once paid." : "Your card is charged each month."],
                            token);
                        await db.SaveChangesAsync(token);
                        return Outcome.Success;
                    },
                    null,
                    cancellationToken);
            }
            catch (DomainException e)
            {
                db.ChangeTracker.Clear();
                return Outcome.Fail(e.Field is nameof(Command.PlanId) or null ? nameof(Command.PlanId) : e.Field, e.Message);
            }
        }
    }
}

/// <summary>
/// Stripe Billing's side of joining a plan collected by Stripe (Features/Memberships/StripeBilling implements it): makes the
/// subscription for the membership, inside the join's transaction, and attaches it (<see cref="MembershipBilling.AttachStripeSubscriptionAsync"/>
/// or <see cref="Membership.AttachStripe"/>); a <see cref="DomainException"/> refuses the join with its message.
/// </summary>
public interface IMembershipSubscriptions
{
    Task StartAsync(Guid membershipId, CancellationToken cancellationToken);
}
