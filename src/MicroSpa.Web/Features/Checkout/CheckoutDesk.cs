using MicroSpa.Data;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>The desk's checkout list: invoices opened today and every invoice still owing something, newest first.</summary>
public static class CheckoutDesk
{
    public sealed record Row(Guid Id, long Number, string? Client, DateTime LocalOpened, InvoiceState State, decimal Total, decimal Due);

    public sealed record Result(DateOnly Today, IReadOnlyList<Row> Invoices, bool FrontDeskMayRefund);

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, TimeProvider clock)
    {
        public const int Shown = 100;

        public async Task<Result> HandleAsync(CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var today = zone.Today(now);
            var since = zone.DayBounds(today).Start;
            var invoices = await db.Invoices.AsNoTracking()
                .Where(i => i.OpenedAt >= since
                    || !i.Entries.Any(e => e.Kind == EntryKind.Issued)
                    || (!i.Entries.Any(e => e.Kind == EntryKind.Void)
                        && i.Entries.Sum(e => e.Kind == EntryKind.Issued ? e.Amount : e.Kind == EntryKind.Payment ? -e.Amount : e.Kind == EntryKind.Refund ? e.Amount : -e.Amount) > 0m))
                .OrderByDescending(i => i.Number)
                .Take(Shown)
                .Include(i => i.Entries).Include(i => i.Lines).AsSplitQuery()
                .ToListAsync(cancellationToken);
            var clientIds = invoices.Select(i => i.ClientId).OfType<Guid>().Distinct().ToList();
            var clients = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id))
                .Select(c => new { c.Id, Name = c.FirstName + " " + c.LastName }).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
            return new Result(today, [.. invoices.Select(i => new Row(
                i.Id, i.Number, i.ClientId is { } c && clients.TryGetValue(c, out var name) ? name : null, zone.ToLocal(i.OpenedAt), i.State,
                i.IsIssued ? i.Total : i.LinesTotal, i.IsIssued ? i.Due : i.LinesTotal))],
                await db.BillingSettings.AsNoTracking().Select(b => b.FrontDeskMayRefund).SingleAsync(cancellationToken));
        }
    }
}
