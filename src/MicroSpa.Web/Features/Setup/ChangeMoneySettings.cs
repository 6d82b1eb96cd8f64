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

namespace MicroSpa.Web.Features.Setup;

/// <summary>
/// An Admin sets the clinic's money rules: the tax rate of services and of retail products (each line keeps the
/// rate it was added at), the discount above which only an Admin may give one, and how long a gift card sold from now lasts
/// (empty: for ever). All or none are saved.
/// </summary>
public static class ChangeMoneySettings
{
    public const string AuditAction = "money.settings";

    public sealed class Command
    {
        [Display(Name = "Tax on services (%)")]
        [Percent]
        public decimal? ServicesTaxPercent { get; set; }

        [Display(Name = "Tax on retail products (%)")]
        [Percent]
        public decimal? RetailTaxPercent { get; set; }

        [Display(Name = "Largest discount the desk may give (%)")]
        [Percent]
        public decimal? DiscountLimitPercent { get; set; }

        /// <summary>Empty: gift cards never expire (the default, decision 048).</summary>
        [Display(Name = "Gift cards last (months)")]
        public int? GiftCardExpiryMonths { get; set; }

        [Display(Name = "Smallest gift card")]
        public decimal? GiftCardMinValue { get; set; }

        [Display(Name = "Largest gift card")]
        public decimal? GiftCardMaxValue { get; set; }
    }

    public const string RateMessage = "The tax rate is 0 to 30 %, with at most three decimals.";
    public const string DiscountLimitMessage = "The discount limit is 0 to 100 %, with at most two decimals.";

    public sealed class Validator : AbstractValidator<Command>
    {
        private static bool BeARate(decimal? rate) => rate is { } r && r >= 0m && r <= TaxClass.MaxRatePercent && decimal.Round(r, 3) == r;

        public Validator()
        {
            // The same limits as the domain's, so every bad field gets its message at once.
            RuleFor(c => c.ServicesTaxPercent).NotNull().WithMessage("Enter the tax rate on services (0 if none).")
                .Must(BeARate).WithMessage(RateMessage);
            RuleFor(c => c.RetailTaxPercent).NotNull().WithMessage("Enter the tax rate on retail products (0 if none).")
                .Must(BeARate).WithMessage(RateMessage);
            RuleFor(c => c.DiscountLimitPercent).NotNull().WithMessage("Enter the largest discount the desk may give.")
                .Must(l => l is >= 0m and <= 100m && decimal.Round(l.Value, 2) == l).WithMessage(DiscountLimitMessage);
            RuleFor(c => c.GiftCardMinValue).NotNull().WithMessage("Enter the smallest value a gift card is sold for.");
            RuleFor(c => c.GiftCardMaxValue).NotNull().WithMessage("Enter the largest value a gift card is sold for.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var taxes = await db.TaxClasses.ToDictionaryAsync(t => t.Kind, cancellationToken);
            var settings = await db.BillingSettings.SingleAsync(cancellationToken);
            var errors = new List<FieldError>();
            Try(errors, nameof(Command.ServicesTaxPercent), () => taxes[TaxKind.Services].SetRate(command.ServicesTaxPercent!.Value));
            Try(errors, nameof(Command.RetailTaxPercent), () => taxes[TaxKind.Retail].SetRate(command.RetailTaxPercent!.Value));
            Try(errors, nameof(Command.DiscountLimitPercent), () => settings.SetDiscountLimit(command.DiscountLimitPercent!.Value));
            Try(errors, nameof(Command.GiftCardExpiryMonths), () => settings.SetGiftCardExpiry(command.GiftCardExpiryMonths));
            TryEach(errors, () => settings.SetGiftCardValues(command.GiftCardMinValue!.Value, command.GiftCardMaxValue!.Value));
            if (errors.Count > 0)
            {
                // Nothing is saved when one value is refused: the tracked changes are dropped with the context.
                db.ChangeTracker.Clear();
                return new Outcome(errors);
            }

            var detail = string.Create(CultureInfo.InvariantCulture,
                $"services tax {command.ServicesTaxPercent}%, retail tax {command.RetailTaxPercent}%, discount limit {command.DiscountLimitPercent}%, gift cards last {command.GiftCardExpiryMonths?.ToString(CultureInfo.InvariantCulture) ?? "for ever"}, gift cards of {command.GiftCardMinValue} to {command.GiftCardMaxValue}");
            db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.Name, null, AuditAction, null, clock.GetUtcNow(), detail, actor.Address));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Money settings changed");
            return Outcome.Success;
        }

        /// <summary>A change whose refusal names its own field.</summary>
        private static void TryEach(List<FieldError> errors, Action change)
        {
            try
            {
                change();
            }
            catch (DomainException ex)
            {
                errors.Add(new FieldError(ex.Field ?? string.Empty, ex.Message));
            }
        }

        private static void Try(List<FieldError> errors, string field, Action change)
        {
            try
            {
                change();
            }
            catch (DomainException ex)
            {
                errors.Add(new FieldError(field, ex.Message));
            }
        }
    }
}
