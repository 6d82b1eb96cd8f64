using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Setup;

/// <summary>Retires a service (no longer booked; it stays on past appointments) or offers it again.</summary>
public static class RetireService
{
    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<bool> HandleAsync(Guid id, bool active, CancellationToken cancellationToken)
        {
            var service = await db.Services.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (service is null)
            {
                return false;
            }

            if (active)
            {
                service.Reinstate();
            }
            else
            {
                service.Retire();
            }

            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
