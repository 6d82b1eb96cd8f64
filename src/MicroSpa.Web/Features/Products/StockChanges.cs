using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Products;

/// <summary>
/// Writes one stock entry for a product, in a transaction holding the product's row: two counts at once take
/// turns, so the second corrects from what the first left, never from the same old sum (stock on hand is the
/// sum of the entries; nothing stores it). Each change is audited with who and why.
/// </summary>
public sealed class StockChanges(MicroSpaDbContext db, Actor actor, TimeProvider clock)
{
    public const string AuditAction = "money.stock";

    /// <summary>Null when there is no such product; otherwise done, or the domain's message on <paramref name="fieldOf"/>'s field.</summary>
    public Task<Outcome?> WriteAsync(Guid itemId, Func<RetailItem, int, Guid, DateTimeOffset, StockEntry> entry, Func<string?, string> fieldOf, CancellationToken cancellationToken) =>
        db.InTransactionAsync<Outcome?>(
            async token =>
            {
                var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM retail_items WHERE id = {itemId} FOR UPDATE").ToListAsync(token);
                if (locked.Count == 0)
                {
                    return null;
                }

                var item = await db.RetailItems.SingleAsync(i => i.Id == itemId, token);
                var onHand = await db.StockEntries.Where(e => e.RetailItemId == itemId).SumAsync(e => e.QuantityChange, token);
                var now = clock.GetUtcNow();
                StockEntry written;
                try
                {
                    written = entry(item, onHand, actor.UserId ?? throw new InvalidOperationException("Stock changes need a signed-in user."), now);
                }
                catch (DomainException ex)
                {
                    db.ChangeTracker.Clear();
                    return Outcome.Fail(fieldOf(ex.Field), ex.Message);
                }

                db.StockEntries.Add(written);
                db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.Name, null, AuditAction, item.Id, now,
                    $"{item.Sku}: {written.Kind} {written.QuantityChange:+0;-0;0}, on hand {onHand + written.QuantityChange}", actor.Address));
                await db.SaveChangesAsync(token);
                return Outcome.Success;
            },
            null,
            cancellationToken);
}
