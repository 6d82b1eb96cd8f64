using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// A client's package credits as the desk, the checkout and the client read them (decision 047): per package bought, the
/// sessions bought, used and left, the expiry, what was paid and what the refund rule would give back. Every figure is
/// summed from the wallet's entries (<see cref="Wallet"/>).
/// </summary>
public static class WalletCredits
{
    public sealed record Lot(
        Guid LotId, Guid SaleInvoiceId, long SaleNumber, string Package, IReadOnlyList<Guid> ServiceIds, int Bought, int Used, int Left,
        DateOnly ExpiresOn, bool Expired, decimal Paid, decimal RefundDue, bool Refunded)
    {
        public bool Usable => Left > 0 && !Expired;
    }

    public sealed class Handler(MicroSpaDbContext db, Wallet wallet, ClinicTimeZone zone, TimeProvider clock)
    {
        /// <summary>The client's packages paid in full, usable first, then by expiry.</summary>
        public async Task<IReadOnlyList<Lot>> ForClientAsync(Guid clientId, CancellationToken cancellationToken)
        {
            var lots = await wallet.ForClientAsync(clientId, cancellationToken);
            var invoices = lots.Select(l => l.SaleInvoiceId).Distinct().ToList();
            var numbers = await db.Invoices.AsNoTracking().Where(i => invoices.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Number, cancellationToken);
            var today = zone.Today(clock.GetUtcNow());
            return [.. lots
                .Select(l => new Lot(l.LotId, l.SaleInvoiceId, numbers[l.SaleInvoiceId], l.Version.Name, l.Version.ServiceIds, l.Bought, l.Used, l.Left,
                    l.ExpiresOn!.Value, l.ExpiredOn(today), l.Paid, l.RefundDue, l.WasRefunded))
                .OrderBy(l => !l.Usable).ThenBy(l => l.ExpiresOn)];
        }
    }
}
