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
/// An Admin sets the clinic-wide rules of online payments: a clean record waives the deposit, a no-show or repeated
/// late cancellations call for a deposit or a card on file, and the cancellation and no-show fees. All or nothing
/// is saved, audited as a money setting.
/// </summary>
public static class ChangePaymentRules
{
    public sealed class Command
    {
        [Display(Name = "Waive the deposit for clients with a clean record")]
        public bool WaiveForCleanRecord { get; set; }

        [Display(Name = "A client's record is read over the last (months)")]
        public int? RecordMonths { get; set; }

        [Display(Name = "Require it after a no-show")]
        public bool RequireAfterNoShow { get; set; }

        [Display(Name = "Require it after this many late cancellations (0: never)")]
        public int? LateCancellationsBeforeRequired { get; set; }

        [Display(Name = "What is required")]
        public Safeguard Safeguard { get; set; } = Safeguard.CardOnFile;

        [Display(Name = "Late cancellation fee")]
        public ChargeKind CancellationFeeKind { get; set; }

        [Display(Name = "Late cancellation fee: amount or percent")]
        public decimal? CancellationFeeValue { get; set; }

        [Display(Name = "No-show fee")]
        public ChargeKind NoShowFeeKind { get; set; }

        [Display(Name = "No-show fee: amount or percent")]
        public decimal? NoShowFeeValue { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RecordMonths).NotNull().WithMessage("Enter how many months of a client's record count.")
                .InclusiveBetween(1, PaymentRules.MaxRecordMonths).WithMessage($"A record is read over 1 to {PaymentRules.MaxRecordMonths} months.");
            RuleFor(c => c.LateCancellationsBeforeRequired).NotNull().WithMessage("Enter a number of late cancellations, 0 for never.")
                .InclusiveBetween(0, PaymentRules.MaxLateCancellations).WithMessage($"Enter 0 (never) to {PaymentRules.MaxLateCancellations} late cancellations.");
            RuleFor(c => c.Safeguard).IsInEnum().WithMessage("Choose a deposit or a card on file.");
            RuleFor(c => c.CancellationFeeKind).IsInEnum().WithMessage(KindMessage);
            RuleFor(c => c.NoShowFeeKind).IsInEnum().WithMessage(KindMessage);
        }
    }

    public const string KindMessage = "Choose no fee, a fixed amount or a percent of the price.";

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var errors = new List<FieldError>();
            var cancellationFee = Fee(errors, command.CancellationFeeKind, command.CancellationFeeValue, nameof(Command.CancellationFeeValue));
            var noShowFee = Fee(errors, command.NoShowFeeKind, command.NoShowFeeValue, nameof(Command.NoShowFeeValue));
            PaymentRules? rules = null;
            try
            {
                rules = new PaymentRules(command.WaiveForCleanRecord, command.RecordMonths!.Value, command.RequireAfterNoShow,
                    command.LateCancellationsBeforeRequired!.Value, command.Safeguard, cancellationFee, noShowFee);
            }
            catch (DomainException ex)
            {
                errors.Add(new FieldError(ex.Field ?? string.Empty, ex.Message));
            }

            if (errors.Count > 0 || rules is null)
            {
                return new Outcome(errors);
            }

            var settings = await db.BillingSettings.SingleAsync(cancellationToken);
            settings.SetPaymentRules(rules);
            db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.Name, null, ChangeMoneySettings.AuditAction, null, clock.GetUtcNow(), Describe(rules), actor.Address));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Payment rules changed");
            return Outcome.Success;
        }

        private static Charge Fee(List<FieldError> errors, ChargeKind kind, decimal? value, string field)
        {
            try
            {
                return Charge.Create(kind, value, field);
            }
            catch (DomainException ex)
            {
                errors.Add(new FieldError(field, ex.Message));
                return Charge.Nothing;
            }
        }
    }

    /// <summary>The rules as the audit trail records them.</summary>
    public static string Describe(PaymentRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return string.Create(CultureInfo.InvariantCulture,
            $"payment rules: record {rules.RecordMonths} months, waive for clean record {(rules.WaiveForCleanRecord ? "yes" : "no")}, "
            + $"after a no-show {(rules.RequireAfterNoShow ? "yes" : "no")}, after late cancellations {rules.LateCancellationsBeforeRequired}, "
            + $"requires {(rules.Safeguard == Safeguard.Deposit ? "deposit" : "card on file")}, "
            + $"cancellation fee {SaveService.DescribeCharge(rules.CancellationFee)}, no-show fee {SaveService.DescribeCharge(rules.NoShowFee)}");
    }
}
