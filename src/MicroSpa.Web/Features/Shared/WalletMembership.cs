using MicroSpa.Data;
using MicroSpa.Domain.Memberships;
using MicroSpa.Domain.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// A client's membership (decision 061) as My wallet, the desk's client profile and the checkout read it: the plan, its state, the
/// month under way (paid, owed or a charge failed), the next charge and its date, and the plans the desk may join the client to.
/// Nothing is stored for it: read from the membership and its months.
/// </summary>
public static class WalletMembership
{
    public sealed record Month(Guid Id, int Number, DateOnly StartsOn, DateOnly EndsOn, decimal Amount, PeriodState State, int FailedAttempts);

    public sealed record Current(
        Guid Id, string Plan, MembershipCollection Collection, MembershipStatus Status, DateOnly StartedOn, decimal MonthlyPrice, int SessionsPerMonth,
        decimal ServiceDiscountPercent, decimal RetailDiscountPercent, Month? ThisMonth, DateOnly? NextChargeOn, DateOnly? EndsOn, bool InGoodStanding,
        int PauseMonthsPerYear, IReadOnlyList<Month> Months);

    public sealed record PlanChoice(Guid Id, string Name, decimal MonthlyPrice, MembershipCollection Collection);

    public sealed record Summary(Guid? ClientId, Current? Membership, IReadOnlyList<PlanChoice> Plans, bool ForDesk);

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, TimeProvider clock)
    {
        /// <summary>The client's membership not ended yet (or the last one, ended), with its months newest first.</summary>
        public async Task<Current?> ForClientAsync(Guid clientId, CancellationToken cancellationToken)
        {
            var today = zone.Today(clock.GetUtcNow());
            var membership = await db.Memberships.AsNoTracking().Include(m => m.Pauses).Where(m => m.ClientId == clientId)
                .OrderByDescending(m => m.EndsOn == null || m.EndsOn > today).ThenByDescending(m => m.JoinedAt).FirstOrDefaultAsync(cancellationToken);
            if (membership is null)
            {
                return null;
            }

            var plan = await db.MembershipPlans.AsNoTracking().SingleAsync(p => p.Id == membership.PlanId, cancellationToken);
            var periods = await db.MembershipPeriods.AsNoTracking().Where(p => p.MembershipId == membership.Id).OrderByDescending(p => p.Number).ToListAsync(cancellationToken);
            var number = membership.PeriodNumberOn(today);
            var current = periods.FirstOrDefault(p => p.Number == number);
            return new Current(
                membership.Id, plan.Name, membership.Collection, membership.StatusOn(today), membership.StartedOn, membership.MonthlyPrice, plan.SessionsPerMonth,
                plan.ServiceDiscountPercent, plan.RetailDiscountPercent, current is null ? null : Of(current), NextCharge(membership, number, current), membership.EndsOn,
                membership.InGoodStandingOn(today, current), plan.PauseMonthsPerYear, [.. periods.Take(12).Select(Of)]);
        }

        /// <summary>The months of the client's memberships owed now (the desk charges them at checkout): only the current one of each.</summary>
        public async Task<IReadOnlyList<(Guid PeriodId, string Plan, DateOnly StartsOn, decimal Amount)>> OwedAsync(Guid clientId, CancellationToken cancellationToken)
        {
            var today = zone.Today(clock.GetUtcNow());
            var owed = await db.MembershipPeriods.AsNoTracking().Where(p => p.State == PeriodState.Due && p.StartsOn <= today && p.EndsOn > today)
                .Join(db.Memberships.Where(m => m.ClientId == clientId && m.Collection == MembershipCollection.Desk), p => p.MembershipId, m => m.Id, (p, m) => new { p, m.PlanId })
                .Join(db.MembershipPlans, x => x.PlanId, plan => plan.Id, (x, plan) => new { x.p.Id, plan.Name, x.p.StartsOn, x.p.Amount })
                .ToListAsync(cancellationToken);
            return [.. owed.Select(o => (o.Id, o.Name, o.StartsOn, o.Amount))];
        }

        public async Task<IReadOnlyList<PlanChoice>> PlansAsync(CancellationToken cancellationToken) =>
            await db.MembershipPlans.AsNoTracking().Where(p => p.RetiredAt == null).OrderBy(p => p.Name)
                .Select(p => new PlanChoice(p.Id, p.Name, p.MonthlyPrice, p.Collection)).ToListAsync(cancellationToken);

        /// <summary>The month under way while it is owed, else the next month the membership runs and is not paused.</summary>
        private static DateOnly? NextCharge(Membership membership, int number, MembershipPeriod? current)
        {
            if (number >= 0 && current is { State: PeriodState.Due } && membership.IsMemberOn(current.StartsOn))
            {
                return current.StartsOn;
            }

            for (var n = Math.Max(number + 1, 0); n <= number + 13; n++)
            {
                var starts = membership.PeriodStart(n);
                if (!membership.IsMemberOn(starts))
                {
                    return null;
                }

                if (!membership.Pauses.Any(p => p.Covers(n)))
                {
                    return starts;
                }
            }

            return null;
        }

        private static Month Of(MembershipPeriod p) => new(p.Id, p.Number, p.StartsOn, p.EndsOn, p.Amount, p.State, p.FailedAttempts);
    }
}

/// <summary>The membership's section of a wallet page: the client's (the desk's profile, with its actions), or the signed-in client's.</summary>
[ViewComponent(Name = "WalletMembership")]
public sealed class WalletMembershipViewComponent(WalletMembership.Handler handler, Infrastructure.CurrentClient currentClient) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid? clientId)
    {
        var id = clientId ?? await currentClient.IdAsync(HttpContext.RequestAborted);
        var membership = id is { } client ? await handler.ForClientAsync(client, HttpContext.RequestAborted) : null;
        var plans = clientId is not null ? await handler.PlansAsync(HttpContext.RequestAborted) : [];
        return View("/Features/Shared/Views/_WalletMembership.cshtml", new WalletMembership.Summary(id, membership, plans, clientId is not null));
    }
}
