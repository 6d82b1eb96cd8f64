using MicroSpa.Data;
using MicroSpa.Domain.Audit;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Products;

/// <summary>Retires a product (it stays on past invoices, can no longer be sold, its stock no longer changes) or sells it again.</summary>
public static class RetireProduct
{
    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock)
    {
        public async Task<bool> HandleAsync(Guid id, bool active, CancellationToken cancellationToken)
        {
            if (await db.RetailItems.SingleOrDefaultAsync(i => i.Id == id, cancellationToken) is not { } item)
            {
                return false;
            }

            if (active)
            {
                item.Reinstate();
            }
            else
            {
                item.Retire();
            }

            db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.Name, null, SaveProduct.AuditAction, item.Id, clock.GetUtcNow(),
                $"{(active ? "reinstated" : "retired")} {item.Sku}", actor.Address));
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
