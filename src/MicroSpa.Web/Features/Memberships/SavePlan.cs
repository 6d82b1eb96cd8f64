using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Memberships;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Memberships;

/// <summary>Defines a monthly plan (decision 061). Its terms never change: a change is a new plan and the old one retired.</summary>
public static class SavePlan
{
    public sealed class Command
    {
        [Display(Name = "Name")]
        public string Name { get; set; } = string.Empty;

        [Display(Name = "Price a month")]
        public decimal? MonthlyPrice { get; set; }

        [Display(Name = "Sessions each month")]
        public int? SessionsPerMonth { get; set; } = 1;

        [Display(Name = "Services a month's session pays for")]
        public List<Guid> ServiceIds { get; set; } = [];

        [Display(Name = "Member discount on services (%)")]
        public decimal? ServiceDiscountPercent { get; set; } = 0m;

        [Display(Name = "Member discount on retail (%)")]
        public decimal? RetailDiscountPercent { get; set; } = 0m;

        [Display(Name = "Unused sessions roll over (12 months)")]
        public bool RollsOver { get; set; }

        [Display(Name = "Months a member may pause in twelve")]
        public int? PauseMonthsPerYear { get; set; } = 2;

        [Display(Name = "Notice to cancel (days)")]
        public int? CancellationNoticeDays { get; set; } = 30;

        [Display(Name = "Collected")]
        public MembershipCollection Collection { get; set; } = MembershipCollection.Desk;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Give the plan a name.")
                .MaximumLength(MembershipPlan.NameLength).WithMessage($"A plan's name can be at most {MembershipPlan.NameLength} characters.");
            RuleFor(c => c.MonthlyPrice).NotNull().WithMessage("Give the price a month.")
                .GreaterThan(0m).WithMessage("Enter a price above zero.")
                .LessThanOrEqualTo(Money.MaxAmount).WithMessage("That price is too high: check the figure.");
            RuleFor(c => c.SessionsPerMonth).NotNull().WithMessage("Give the sessions each month (0 for a discount only).")
                .InclusiveBetween(0, MembershipPlan.MaxSessionsPerMonth).WithMessage($"A plan gives 0 to {MembershipPlan.MaxSessionsPerMonth} sessions a month.");
            RuleFor(c => c.ServiceDiscountPercent).NotNull().WithMessage("Give the discount (0 for none).").InclusiveBetween(0m, 100m).WithMessage("A discount is 0 to 100 %.");
            RuleFor(c => c.RetailDiscountPercent).NotNull().WithMessage("Give the discount (0 for none).").InclusiveBetween(0m, 100m).WithMessage("A discount is 0 to 100 %.");
            RuleFor(c => c.PauseMonthsPerYear).NotNull().WithMessage("Give the months a member may pause (0 for none).").InclusiveBetween(0, 6).WithMessage("0 to 6 months.");
            RuleFor(c => c.CancellationNoticeDays).NotNull().WithMessage("Give the notice in days (0 for none).")
                .InclusiveBetween(0, MembershipPlan.MaxNoticeDays).WithMessage($"The notice is 0 to {MembershipPlan.MaxNoticeDays} days.");
            RuleFor(c => c.Collection).IsInEnum().WithMessage("Choose how the months are collected.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db, Actor actor, ClinicMoney money, TimeProvider clock)
    {
        public async Task<Outcome?> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var wanted = command.ServiceIds.Distinct().ToList();
            if (await db.Services.CountAsync(s => wanted.Contains(s.Id) && s.IsActive, cancellationToken) != wanted.Count)
            {
                return Outcome.Fail(nameof(Command.ServiceIds), "Choose services from the list (services offered now).");
            }

            var now = clock.GetUtcNow();
            var by = actor.ForLedger;
            MembershipPlan plan;
            try
            {
                plan = MembershipPlan.Define(
                    new MembershipTerms(command.Name, money.Of(command.MonthlyPrice!.Value), wanted, command.SessionsPerMonth!.Value, command.ServiceDiscountPercent!.Value,
                        command.RetailDiscountPercent!.Value, command.RollsOver, command.PauseMonthsPerYear!.Value, command.CancellationNoticeDays!.Value, command.Collection),
                    by.UserId, now);
            }
            catch (DomainException e)
            {
                return Outcome.Fail(e.Field ?? string.Empty, e.Message);
            }

            db.MembershipPlans.Add(plan);
            db.AuditEntries.Add(new AuditEntry(by.UserId, by.UserName, null, "money.membership-plan", plan.Id, now,
                $"plan defined: {plan.MonthlyPrice:0.00} {plan.Currency} a month, {plan.SessionsPerMonth} sessions, {plan.ServiceDiscountPercent:0.##} % / {plan.RetailDiscountPercent:0.##} % off, {plan.Collection}", by.Address));
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}

/// <summary>Stops a plan being joined (never deleted: its members keep it, decision 061).</summary>
public static class RetirePlan
{
    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock)
    {
        public async Task<bool> HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var plan = await db.MembershipPlans.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (plan is null)
            {
                return false;
            }

            var now = clock.GetUtcNow();
            plan.Retire(now);
            var by = actor.ForLedger;
            db.AuditEntries.Add(new AuditEntry(by.UserId, by.UserName, null, "money.membership-plan", id, now, "retired", by.Address));
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}

/// <summary>The plans page: every plan with its terms and members, and the form for a new one.</summary>
public static class PlanCatalog
{
    public sealed record Row(Guid Id, string Name, decimal MonthlyPrice, int SessionsPerMonth, IReadOnlyList<string> Services, decimal ServiceDiscountPercent,
        decimal RetailDiscountPercent, bool RollsOver, int PauseMonthsPerYear, int CancellationNoticeDays, MembershipCollection Collection, bool Retired, int Members);

    public sealed record ServiceChoice(Guid Id, string Name);

    public sealed record Page(IReadOnlyList<Row> Plans, IReadOnlyList<ServiceChoice> Services, SavePlan.Command Form);

    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<Page> PageAsync(SavePlan.Command form, CancellationToken cancellationToken)
        {
            var services = await db.Services.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.SortOrder).ThenBy(s => s.Name)
                .Select(s => new ServiceChoice(s.Id, s.Name)).ToListAsync(cancellationToken);
            var names = await db.Services.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
            var plans = await db.MembershipPlans.AsNoTracking()
                .Select(p => new { Plan = p, Members = db.Memberships.Count(m => m.PlanId == p.Id && m.EndsOn == null) })
                .ToListAsync(cancellationToken);
            return new Page(
                [.. plans.OrderBy(p => p.Plan.RetiredAt is not null).ThenBy(p => p.Plan.Name, StringComparer.CurrentCulture)
                    .Select(p => new Row(p.Plan.Id, p.Plan.Name, p.Plan.MonthlyPrice, p.Plan.SessionsPerMonth,
                        [.. p.Plan.ServiceIds.Select(s => names.GetValueOrDefault(s, "A service no longer listed"))], p.Plan.ServiceDiscountPercent, p.Plan.RetailDiscountPercent,
                        p.Plan.RollsOver, p.Plan.PauseMonthsPerYear, p.Plan.CancellationNoticeDays, p.Plan.Collection, p.Plan.RetiredAt is not null, p.Members))],
                services, form);
        }
    }
}
