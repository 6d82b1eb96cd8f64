using FluentValidation;
using MicroSpa.Data.Billing;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// Pays an issued visit's invoice with the deposit held for its appointment when it was not used at the issue (it was
/// paid after, or given back by a void and the visit is invoiced again): the Deposit tender, never above what is due.
/// </summary>
public static class UseDeposit
{
    public sealed class Command
    {
        public Guid? SubmissionId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.SubmissionId).NotNull().WithMessage("The form is out of date: open the invoice again.");
    }

    public sealed class Handler(Ledger ledger, Infrastructure.Actor actor)
    {
        /// <returns>Null when there is no such invoice.</returns>
        public async Task<Outcome?> HandleAsync(Guid invoiceId, Command command, CancellationToken cancellationToken) =>
            DraftInvoices.From(await ledger.UseDepositsAsync(invoiceId, command.SubmissionId!.Value, actor.ForLedger, cancellationToken));
    }
}
