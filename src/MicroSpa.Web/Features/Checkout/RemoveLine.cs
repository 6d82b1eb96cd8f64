using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>Takes a line off a draft (a product the client put back, a tip typed wrong). The visit's service stays.</summary>
public static class RemoveLine
{
    public sealed class Command
    {
        public Guid? LineId { get; set; }
    }

    public sealed class Handler(MicroSpaDbContext db)
    {
        /// <returns>Null when there is no such invoice.</returns>
        public Task<Outcome?> HandleAsync(Guid invoiceId, Command command, CancellationToken cancellationToken) =>
            DraftInvoices.EditAsync(db, invoiceId, invoice =>
            {
                var id = command.LineId ?? throw new DomainException("Choose the line to remove.");
                if (invoice.Lines.FirstOrDefault(l => l.Id == id) is { Kind: LineKind.Service })
                {
                    throw new DomainException("The visit's service stays on its invoice: discount it instead.");
                }

                invoice.RemoveLine(id);
                return Task.CompletedTask;
            }, new Dictionary<string, string> { ["LineId"] = string.Empty }, cancellationToken);
    }
}
