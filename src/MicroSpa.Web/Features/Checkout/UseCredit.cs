using FluentValidation;
using MicroSpa.Data.Billing;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// "Use one credit": a credit of one of the client's packages pays for a service line of the visit (decision 047): the
/// line's price with its tax as a PackageCredit tender, and a redemption in the wallet. Another client's credit, an expired
/// one, one that does not cover the service, or the last one taken at another desk meanwhile, is refused with the reason.
/// </summary>
public static class UseCredit
{
    public sealed class Command
    {
        public Guid? LineId { get; set; }
        public Guid? LotId { get; set; }
        public Guid? SubmissionId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.LineId).NotNull().WithMessage("Choose the service the credit pays for.");
            RuleFor(c => c.LotId).NotNull().WithMessage("Choose the package whose credit is used.");
            RuleFor(c => c.SubmissionId).NotNull().WithMessage("The form is out of date: open the invoice again.");
        }
    }

    public sealed class Handler(Ledger ledger, Infrastructure.Actor actor)
    {
        /// <returns>Null when there is no such invoice.</returns>
        public async Task<Outcome?> HandleAsync(Guid invoiceId, Command command, CancellationToken cancellationToken) =>
            DraftInvoices.From(await ledger.UseCreditAsync(invoiceId, command.LineId!.Value, command.LotId!.Value, command.SubmissionId!.Value, actor.ForLedger, cancellationToken));
    }
}
