using MicroSpa.Data.Billing;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>The lines are final: the invoice is issued (what the client owes is an entry of the ledger; retail leaves the stock).</summary>
public static class IssueInvoice
{
    public sealed class Handler(Ledger ledger, Infrastructure.Actor actor)
    {
        /// <returns>Null when there is no such invoice.</returns>
        public async Task<Outcome?> HandleAsync(Guid invoiceId, CancellationToken cancellationToken) =>
            DraftInvoices.From(await ledger.IssueAsync(invoiceId, actor.ForLedger, cancellationToken));
    }
}
