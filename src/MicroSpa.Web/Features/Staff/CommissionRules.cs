using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Staff;

/// <summary>
/// The providers' commission rules (decision 058): per provider the rule counting today's sales, and one provider's
/// whole history, newest first, each rule with what became of it.
/// </summary>
public static class CommissionRules
{
    public enum Standing
    {
        /// <summary>Counts the sales of today.</summary>
        InEffect,

        /// <summary>From a day still to come.</summary>
        Upcoming,

        /// <summary>Counted the sales until a later rule took over.</summary>
        Ended,

        /// <summary>Never counted a day: a rule written later from the same day took its place.</summary>
        Replaced,
    }

    public sealed record Rule(Guid Id, DateOnly EffectiveFrom, decimal ServicesPercent, decimal RetailPercent, bool AfterDiscounts, string SetBy, DateTimeOffset SetAt, Standing Standing);

    public sealed record ProviderRow(Guid ProviderId, string Name, bool Bookable, Rule? Current, Rule? Next);

    public sealed record History(Guid ProviderId, string Name, DateOnly Today, IReadOnlyList<Rule> Rules)
    {
        public Rule? Current => Rules.FirstOrDefault(r => r.Standing == Standing.InEffect);
    }

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, TimeProvider clock)
    {
        public DateOnly Today => zone.Today(clock.GetUtcNow());

        public async Task<IReadOnlyList<ProviderRow>> ListAsync(CancellationToken cancellationToken)
        {
            var providers = await db.Providers.AsNoTracking().OrderBy(p => p.DisplayName).Select(p => new { p.Id, p.DisplayName, p.Bookable }).ToListAsync(cancellationToken);
            var rules = (await RulesAsync(null, cancellationToken)).ToLookup(r => r.ProviderId, r => r.Rule);
            return [.. providers.Select(p => new ProviderRow(p.Id, p.DisplayName, p.Bookable,
                rules[p.Id].FirstOrDefault(r => r.Standing == Standing.InEffect),
                rules[p.Id].Where(r => r.Standing == Standing.Upcoming).MinBy(r => r.EffectiveFrom)))];
        }

        /// <returns>Null when there is no such provider.</returns>
        public async Task<History?> HistoryAsync(Guid providerId, CancellationToken cancellationToken)
        {
            var name = await db.Providers.AsNoTracking().Where(p => p.Id == providerId).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken);
            return name is null ? null : new History(providerId, name, Today, [.. (await RulesAsync(providerId, cancellationToken)).Select(r => r.Rule)]);
        }

        /// <summary>The rules, newest first (by day, then by when written), each with its standing on today's date.</summary>
        private async Task<List<(Guid ProviderId, Rule Rule)>> RulesAsync(Guid? providerId, CancellationToken cancellationToken)
        {
            var rows = await (
                    from rule in db.CommissionRules.AsNoTracking()
                    where providerId == null || rule.ProviderId == providerId
                    join user in db.Users on rule.CreatedBy equals user.Id
                    orderby rule.ProviderId, rule.EffectiveFrom descending, rule.CreatedAt descending, rule.Id descending
                    select new { rule.ProviderId, rule.Id, rule.EffectiveFrom, rule.ServicesPercent, rule.RetailPercent, rule.AfterDiscounts, user.DisplayName, rule.CreatedAt })
                .ToListAsync(cancellationToken);
            var today = Today;
            var result = new List<(Guid, Rule)>();
            foreach (var provider in rows.GroupBy(r => r.ProviderId))
            {
                // Walking from the newest: a rule counts from its day until the day a rule above it (newer) starts.
                DateOnly? takenOverOn = null;
                var currentFound = false;
                foreach (var r in provider)
                {
                    Standing standing;
                    if (takenOverOn is { } next && next <= r.EffectiveFrom)
                    {
                        standing = Standing.Replaced;
                    }
                    else if (r.EffectiveFrom > today)
                    {
                        standing = Standing.Upcoming;
                    }
                    else if (!currentFound)
                    {
                        standing = Standing.InEffect;
                        currentFound = true;
                    }
                    else
                    {
                        standing = Standing.Ended;
                    }

                    if (standing != Standing.Replaced)
                    {
                        takenOverOn = r.EffectiveFrom;
                    }

                    result.Add((provider.Key, new Rule(r.Id, r.EffectiveFrom, r.ServicesPercent, r.RetailPercent, r.AfterDiscounts, r.DisplayName, r.CreatedAt, standing)));
                }
            }

            return result;
        }
    }
}
