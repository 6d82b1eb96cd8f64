using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;

namespace MicroSpa.Web.Features.MyAppointments;

/// <summary>
/// The signed-in client's receipts: every issued invoice of theirs, newest first, and each one in full. Another
/// client's receipt, a draft or an invoice that does not exist are all "not found", so an id tells nothing.
/// </summary>
public static class MyReceipts
{
    public sealed class Handler(CurrentClient currentClient, Receipts.Handler receipts)
    {
        public async Task<IReadOnlyList<Receipts.Summary>> ListAsync(CancellationToken cancellationToken) =>
            await currentClient.IdAsync(cancellationToken) is { } clientId ? await receipts.ForClientAsync(clientId, cancellationToken) : [];

        public async Task<Receipts.Receipt?> OneAsync(Guid invoiceId, CancellationToken cancellationToken) =>
            await currentClient.IdAsync(cancellationToken) is { } clientId ? await receipts.ForInvoiceAsync(invoiceId, clientId, cancellationToken) : null;
    }
}
