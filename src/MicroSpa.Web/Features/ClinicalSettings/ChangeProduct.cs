using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClinicalSettings;

/// <summary>Retires a product (no longer offered in new charts; kept on signed ones) or offers it again; or flags it.</summary>
public static class ChangeProduct
{
    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<bool> HandleAsync(Guid id, bool? active, bool? notForNeedledSkin, CancellationToken cancellationToken)
        {
            var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (product is null)
            {
                return false;
            }

            if (active == true)
            {
                product.Reinstate();
            }
            else if (active == false)
            {
                product.Retire();
            }

            if (notForNeedledSkin is { } flag)
            {
                product.Describe(product.Name, product.Purpose, flag);
            }

            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
