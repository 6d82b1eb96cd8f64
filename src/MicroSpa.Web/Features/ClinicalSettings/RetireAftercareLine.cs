using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClinicalSettings;

/// <summary>Retires a line of the aftercare template: new plans no longer carry it; plans already given keep it.</summary>
public static class RetireAftercareLine
{
    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<bool> HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var line = await db.AftercareTemplate.SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
            if (line is null)
            {
                return false;
            }

            line.Retire();
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
