using System.ComponentModel.DataAnnotations;
using System.Globalization;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Staff;

/// <summary>
/// The Admin sets a provider's commission from a day on (decision 058): a percent of the services they deliver, a
/// percent of the retail they sell, before or after discounts. Written as a new rule, never over the old one, so the
/// sales before that day keep their rate; a second rule from the same day replaces the first for that day (the later one
/// written counts) while both stay in the history; the same rule again (a form sent twice) writes nothing. Audited with the
/// provider's id and the rates.
/// </summary>
public static class SetCommissionRule
{
    public const string AuditAction = "commission.rule";

    public const string PercentMessage = "A commission is 0 to 100 %, with at most two decimals.";

    public sealed class Command
    {
        [Display(Name = "Commission on services (%)")]
        [Percent]
        public decimal? ServicesPercent { get; set; }

        [Display(Name = "Commission on retail (%)")]
        [Percent]
        public decimal? RetailPercent { get; set; }

        [Display(Name = "Counted after discounts")]
        public bool AfterDiscounts { get; set; } = true;

        [Display(Name = "From (the first day whose sales it counts)")]
        public DateOnly? EffectiveFrom { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        private static bool BeAPercent(decimal? percent) => percent is >= 0m and <= CommissionRule.MaxPercent && decimal.Round(percent.Value, 2) == percent;

        public Validator()
        {
            // The same limits as the rule's own, so every bad field gets its message at once.
            RuleFor(c => c.ServicesPercent).NotNull().WithMessage("Enter the commission on services (0 if none).")
                .Must(BeAPercent).WithMessage(PercentMessage);
            RuleFor(c => c.RetailPercent).NotNull().WithMessage("Enter the commission on retail (0 if none).")
                .Must(BeAPercent).WithMessage(PercentMessage);
            RuleFor(c => c.EffectiveFrom).NotNull().WithMessage("Choose the first day the rule counts, for example 2027-04-01.")
                .Must(d => d is null || CalendarRange.Contains(d.Value)).WithMessage(CalendarRange.Message);
        }
    }

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such provider.</returns>
        public async Task<Outcome?> HandleAsync(Guid providerId, Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (!await db.Providers.AnyAsync(p => p.Id == providerId, cancellationToken))
            {
                return null;
            }

            var by = actor.UserId ?? throw new InvalidOperationException("A commission rule is set by a signed-in Admin.");
            CommissionRule rule;
            try
            {
                rule = new CommissionRule(providerId, command.EffectiveFrom!.Value, command.ServicesPercent!.Value, command.RetailPercent!.Value,
                    command.AfterDiscounts, by, clock.GetUtcNow());
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field ?? string.Empty, ex.Message);
            }

            // A form sent twice (a double click) writes one rule: the same rates again from the same day change nothing. The
            // check and the insert take turns per provider (an advisory lock for the transaction), so two posts at once
            // cannot both find nothing and both write.
            var written = await db.InTransactionAsync(
                async token =>
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"microspa:commission:" + providerId}))", token);
                    var latest = await db.CommissionRules.AsNoTracking()
                        .Where(r => r.ProviderId == providerId && r.EffectiveFrom == rule.EffectiveFrom)
                        .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
                        .FirstOrDefaultAsync(token);
                    if (latest is not null && latest.ServicesPercent == rule.ServicesPercent && latest.RetailPercent == rule.RetailPercent && latest.AfterDiscounts == rule.AfterDiscounts)
                    {
                        return false;
                    }

                    db.CommissionRules.Add(rule);
                    var detail = string.Create(CultureInfo.InvariantCulture,
                        $"provider {providerId}: services {rule.ServicesPercent}%, retail {rule.RetailPercent}%, {(rule.AfterDiscounts ? "after" : "before")} discounts, from {rule.EffectiveFrom:yyyy-MM-dd}");
                    db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.Name, null, AuditAction, providerId, clock.GetUtcNow(), detail, actor.Address));
                    await db.SaveChangesAsync(token);
                    return true;
                },
                token => db.CommissionRules.AsNoTracking().AnyAsync(r => r.Id == rule.Id, token),
                cancellationToken);
            if (!written)
            {
                return Outcome.Success;
            }

            logger.LogInformation("Commission rule {RuleId} set for provider {ProviderId} from {EffectiveFrom}", rule.Id, providerId, rule.EffectiveFrom);
            return Outcome.Success;
        }
    }
}
