using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data.Billing;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Packages;

/// <summary>
/// The Admin refunds a package's unused credits by the rule (decision 057): the paid price less each session used at the price its
/// visit was charged, never below zero. The money goes back to the sale's own payments (a card taken online through Stripe first,
/// as the desk's refunds do) or all in cash; the ledger takes a credit and a refund on the sale, the wallet a Refunded entry
/// taking the credits left. Refused with nothing written when the amount shown is no longer the rule's, or another desk refunded first.
/// </summary>
public static class RefundUnusedCredits
{
    public const string ToPayments = "payments";
    public const string InCash = "cash";

    public sealed class Command
    {
        /// <summary>The amount the page showed: the refund is taken only when the rule still gives it.</summary>
        public decimal? Amount { get; set; }

        [Display(Name = "Give the money back")]
        public string? Tender { get; set; }

        [Display(Name = "Reason")]
        public string? Reason { get; set; }

        public Guid? SubmissionId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Amount).NotNull().WithMessage("The form is out of date: open the refund again.");
            RuleFor(c => c.Tender).NotEmpty().WithMessage("Choose where the money goes back.")
                .Must(t => t is null or ToPayments or InCash).WithMessage("Choose where the money goes back.");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Give the refund's reason.")
                .MaximumLength(LedgerEntry.ReasonLength).WithMessage($"At most {LedgerEntry.ReasonLength} characters.");
            RuleFor(c => c.SubmissionId).NotNull().WithMessage("The form is out of date: open the refund again.");
        }
    }

    private static readonly Dictionary<string, string> Fields = new()
    {
        ["Amount"] = string.Empty,
        ["LotId"] = string.Empty,
        [nameof(LedgerEntry.Reason)] = nameof(Command.Reason),
    };

    public sealed class Handler(Ledger ledger, Shared.StripeRefunds stripe, Infrastructure.Actor actor)
    {
        /// <returns>Null when the package is no purchase of the client.</returns>
        public async Task<Outcome?> HandleAsync(Guid clientId, Guid lotId, Command command, CancellationToken cancellationToken)
        {
            var result = await ledger.RefundUnusedCreditsAsync(
                lotId, clientId, new UnusedCreditsRefund(command.Tender == InCash, command.Amount!.Value, command.Reason!), command.SubmissionId!.Value,
                actor.ForLedger, cancellationToken, stripe.Provider);
            if (result.Status == LedgerStatus.NotFound)
            {
                return null;
            }

            if (result.Status is LedgerStatus.Done or LedgerStatus.AlreadyDone)
            {
                return Outcome.Success;
            }

            // The reason is the form's to fix (200); the rest is the package's state since the page was shown (409).
            var field = result.Field is { } named && Fields.TryGetValue(named, out var mapped) ? mapped : string.Empty;
            var refused = Outcome.Fail(field, result.Message ?? "Refused.");
            return field == nameof(Command.Reason) ? refused : refused.AsConflict();
        }
    }
}
