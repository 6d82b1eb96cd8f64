using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data.Billing;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.DayClose;

/// <summary>
/// The desk closes a clinic day with the cash counted in the drawer and, when it does not match, a note saying
/// why. The close is one insert-only row that locks the day: after it only refunds are taken, dated the day they
/// happen (the Ledger refuses issues, payments and voids). The Ledger audits it.
/// </summary>
public static class CloseDay
{
    public sealed class Command
    {
        public DateOnly? Day { get; set; }

        [Display(Name = "Cash counted in the drawer")]
        public decimal? CountedCash { get; set; }

        [Display(Name = "Note")]
        public string? Note { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Day).NotNull().WithMessage("Choose the day to close.");
            RuleFor(c => c.CountedCash).NotNull().WithMessage("Enter the cash counted in the drawer (0 if none).");
            RuleFor(c => c.Note).MaximumLength(Domain.Billing.DayClose.NoteLength).WithMessage($"The note has at most {Domain.Billing.DayClose.NoteLength} characters.");
        }
    }

    public sealed class Handler(Ledger ledger, Infrastructure.Actor actor)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var (_, result) = await ledger.CloseDayAsync(command.Day!.Value, command.CountedCash!.Value, command.Note, actor.ForLedger, cancellationToken);
            return result.Status switch
            {
                LedgerStatus.Done => Outcome.Success,
                _ when result.Field is nameof(Domain.Billing.DayClose.ClinicDay) => Outcome.Conflict(result.Message ?? "The day cannot be closed."),
                _ => Outcome.Fail(Field(result.Field), result.Message ?? "The day cannot be closed."),
            };
        }

        private static string Field(string? ledgerField) => ledgerField switch
        {
            nameof(Domain.Billing.DayClose.CountedCash) => nameof(Command.CountedCash),
            nameof(Domain.Billing.DayClose.Note) => nameof(Command.Note),
            _ => string.Empty,
        };
    }
}
