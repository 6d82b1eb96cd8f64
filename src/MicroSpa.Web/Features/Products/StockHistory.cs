using MicroSpa.Data;
using MicroSpa.Domain.Billing;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Products;

/// <summary>One product's stock: on hand (the sum of its entries) and the entries, newest first, with who and why.</summary>
public static class StockHistory
{
    public const int Shown = 100;

    public sealed record Entry(DateTimeOffset At, StockEntryKind Kind, int Change, int? Counted, string By, string? Reason);

    public sealed record Result(Guid Id, string Sku, string Name, bool Active, int LowStockThreshold, int OnHand, IReadOnlyList<Entry> Entries)
    {
        public bool IsLow => Active && OnHand <= LowStockThreshold;
        public ReceiveStock.Command Receive { get; init; } = new();
        public CountStock.Command Count { get; init; } = new();
        public WriteOffStock.Command WriteOff { get; init; } = new();
    }

    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<Result?> HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var item = await db.RetailItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
            if (item is null)
            {
                return null;
            }

            var onHand = await db.StockEntries.Where(e => e.RetailItemId == id).SumAsync(e => e.QuantityChange, cancellationToken);
            var entries = await db.StockEntries.AsNoTracking().Where(e => e.RetailItemId == id)
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(Shown)
                .Select(e => new Entry(e.At, e.Kind, e.QuantityChange, e.CountedQuantity,
                    db.Users.Where(u => u.Id == e.ByUserId).Select(u => u.DisplayName).Single(), e.Reason))
                .ToListAsync(cancellationToken);
            return new Result(item.Id, item.Sku, item.Name, item.Active, item.LowStockThreshold, onHand, entries);
        }
    }
}
