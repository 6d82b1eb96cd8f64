using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Products;

/// <summary>The retail products the desk sells: price, tax class, stock on hand (a sum of stock entries) and whether it is low.</summary>
public static class ProductCatalog
{
    public sealed record Row(Guid Id, string Sku, string Name, decimal Price, string TaxClass, decimal TaxRatePercent, int OnHand, int LowStockThreshold, bool Active)
    {
        public bool IsLow => Active && OnHand <= LowStockThreshold;
    }

    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(CancellationToken cancellationToken) =>
            await db.RetailItems.AsNoTracking()
                .OrderByDescending(i => i.Active).ThenBy(i => i.Name)
                .Select(i => new Row(
                    i.Id, i.Sku, i.Name, i.Price,
                    db.TaxClasses.Where(t => t.Kind == i.TaxKind).Select(t => t.Name).Single(),
                    db.TaxClasses.Where(t => t.Kind == i.TaxKind).Select(t => t.RatePercent).Single(),
                    db.StockEntries.Where(e => e.RetailItemId == i.Id).Sum(e => e.QuantityChange),
                    i.LowStockThreshold, i.Active))
                .ToListAsync(cancellationToken);

        /// <summary>The product's form as it stands, or null when there is no such product.</summary>
        public Task<SaveProduct.Command?> FormAsync(Guid id, CancellationToken cancellationToken) =>
            db.RetailItems.AsNoTracking().Where(i => i.Id == id)
                .Select(i => new SaveProduct.Command { Sku = i.Sku, Name = i.Name, Price = i.Price, LowStockThreshold = i.LowStockThreshold })
                .SingleOrDefaultAsync(cancellationToken);
    }
}
