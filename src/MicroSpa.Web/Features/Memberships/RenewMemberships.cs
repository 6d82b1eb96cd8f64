using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Domain.Memberships;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Memberships;

/// <summary>
/// The memberships' background round (decision 061): each membership collected at the desk that runs today and is not paused gets
/// its month opened as owed, once (a row per membership and month, unique, decided under the membership's lock), every older month
/// still owed is forfeited (only the current month is ever owed), and the client is emailed that the month is due. Any number of
/// instances may run it at once. Months collected by Stripe are opened by Stripe's invoices (<see cref="MembershipBilling"/>).
/// </summary>
public static class RenewMemberships
{
    public sealed record Result(int Opened, int Forfeited);

    public sealed class Handler(MicroSpaDbContext db, Wallet wallet, MembershipEmails emails, ClinicTimeZone zone, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Result> RunAsync(CancellationToken cancellationToken)
        {
            var today = zone.Today(clock.GetUtcNow());
            var candidates = await db.Memberships.AsNoTracking()
                .Where(m => m.Collection == MembershipCollection.Desk && m.StartedOn <= today && (m.EndsOn == null || m.EndsOn > today))
                .Where(m => !db.MembershipPeriods.Any(p => p.MembershipId == m.Id && p.StartsOn <= today && p.EndsOn > today))
                .Select(m => m.Id).ToListAsync(cancellationToken);
            var opened = 0;
            var forfeited = 0;
            foreach (var id in candidates)
            {
                var (o, f) = await db.InTransactionAsync(token => RenewAsync(id, today, token), null, cancellationToken);
                opened += o;
                forfeited += f;
            }

            if (opened + forfeited > 0)
            {
                logger.LogInformation("Membership round: {Opened} months opened, {Forfeited} months forfeited", opened, forfeited);
            }

            return new Result(opened, forfeited);
        }

        private async Task<(int, int)> RenewAsync(Guid membershipId, DateOnly today, CancellationToken cancellationToken)
        {
            await wallet.LockMembershipAsync(membershipId, cancellationToken);
            var membership = await db.Memberships.AsNoTracking().Include(m => m.Pauses).SingleAsync(m => m.Id == membershipId, cancellationToken);
            var number = membership.PeriodNumberOn(today);
            if (!membership.IsMemberOn(today) || membership.PausedOn(today)
                || await db.MembershipPeriods.AnyAsync(p => p.MembershipId == membershipId && p.Number == number, cancellationToken))
            {
                return (0, 0);
            }

            var now = clock.GetUtcNow();
            var month = membership.OpenPeriod(number, now);
            db.MembershipPeriods.Add(month);
            var forfeited = 0;
            foreach (var older in await db.MembershipPeriods.Where(p => p.MembershipId == membershipId && p.Number < number && p.State == PeriodState.Due).ToListAsync(cancellationToken))
            {
                forfeited += older.Forfeit(now) ? 1 : 0;
            }

            var plan = await db.MembershipPlans.AsNoTracking().SingleAsync(p => p.Id == membership.PlanId, cancellationToken);
            await emails.QueueAsync(membership.ClientId, $"membership-due:{month.Id}", "membership-due", $"your {plan.Name} month is due",
                [$"Your {plan.Name} month from {emails.Day(month.StartsOn)} is due: {emails.Amount(month.Amount)}, charged at the desk at your next visit.",
                 forfeited > 0 ? "An earlier month that was not paid is not charged: only this month is owed." : "Its benefits are yours once it is paid."],
                cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return (1, forfeited);
        }
    }
}

/// <summary>Runs <see cref="RenewMemberships"/> every Memberships:RoundMinutes (60) on every instance; off with Wallet:Worker=false (tests run it themselves).</summary>
public sealed class MembershipWorker(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<MembershipWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromMinutes(configuration.GetValue("Memberships:RoundMinutes", 60));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RenewMemberships.Handler>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Membership round failed: {Error}", ex.GetType().Name);
            }

            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
