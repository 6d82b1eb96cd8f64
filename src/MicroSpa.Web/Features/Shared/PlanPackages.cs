using MicroSpa.Data;
using MicroSpa.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// A treatment plan beside the client's wallet (issue 19): the prepaid credits that pay for the plan's service, the sessions
/// the series still needs, and the package the plan offers when the credits do not cover them. The plan page shows it to the
/// provider who started the plan, My appointments to the client, and the checkout suggests the package to the desk.
/// </summary>
public static class PlanPackages
{
    /// <summary>A package on sale whose credit pays for the plan's service.</summary>
    public sealed record Offer(Guid PackageId, string Name, int Sessions, decimal Price, string Currency);

    /// <summary>
    /// Where one plan stands: <paramref name="SessionsLeft"/> of its series (none in maintenance or once ended),
    /// <paramref name="CreditsLeft"/> usable credits for its service, and the package offered when they fall short.
    /// </summary>
    public sealed record Standing(Guid PlanId, int SessionsLeft, int CreditsLeft, IReadOnlyList<WalletCredits.Lot> Lots, Offer? Offered)
    {
        /// <summary>The sessions left that no credit pays for yet.</summary>
        public int Unpaid => Math.Max(0, SessionsLeft - CreditsLeft);
    }

    public sealed class Handler(MicroSpaDbContext db, WalletCredits.Handler wallet)
    {
        public async Task<Standing> ForPlanAsync(PlanOverview.Item plan, CancellationToken cancellationToken) =>
            (await ForPlansAsync(plan.ClientId, [plan], cancellationToken))[0];

        /// <summary>The standing of each of the client's plans, in the order given.</summary>
        public async Task<IReadOnlyList<Standing>> ForPlansAsync(Guid clientId, IReadOnlyList<PlanOverview.Item> plans, CancellationToken cancellationToken)
        {
            if (plans.Count == 0)
            {
                return [];
            }

            var lots = (await wallet.ForClientAsync(clientId, cancellationToken)).Where(l => l.Usable).ToList();
            var services = plans.Select(p => p.ServiceId).Distinct().ToList();
            var onSale = await db.Packages.AsNoTracking().Where(p => p.RetiredAt == null)
                .Select(p => db.PackageVersions.Where(v => v.PackageId == p.Id).OrderByDescending(v => v.Number).First())
                .ToListAsync(cancellationToken);
            return [.. plans.Select(plan =>
            {
                var sessionsLeft = plan.Status.Phase == PlanPhase.Series ? Math.Max(0, plan.Planned - plan.Status.Done) : 0;
                var covering = lots.Where(l => l.ServiceIds.Contains(plan.ServiceId)).ToList();
                var credits = covering.Sum(l => l.Left);
                var unpaid = Math.Max(0, sessionsLeft - credits);
                var offered = unpaid == 0 ? null : onSale.Where(v => v.ServiceIds.Contains(plan.ServiceId))
                    // The smallest package that pays for every session still unpaid, else the largest there is; the cheaper first.
                    .OrderBy(v => v.Sessions >= unpaid ? 0 : 1).ThenBy(v => v.Sessions >= unpaid ? v.Sessions : -v.Sessions).ThenBy(v => v.Price)
                    .Select(v => new Offer(v.PackageId, v.Name, v.Sessions, v.Price, v.Currency)).FirstOrDefault();
                return new Standing(plan.PlanId, sessionsLeft, credits, covering, offered);
            })];
        }

        /// <summary>The package the client's running plans offer, for the desk at checkout: the first plan whose sessions left are not paid for.</summary>
        public async Task<(Offer Offer, Standing Standing)?> SuggestedAsync(Guid clientId, IReadOnlyList<PlanOverview.Item> plans, CancellationToken cancellationToken) =>
            (await ForPlansAsync(clientId, plans, cancellationToken)).FirstOrDefault(s => s.Offered is not null) is { Offered: { } offer } standing
                ? (offer, standing)
                : null;
    }
}
