using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Resources;

/// <summary>Ends a room's or device's out-of-service period early: its times are offered again.</summary>
public static class ReturnToService
{
    public sealed class Handler(MicroSpaDbContext db)
    {
        /// <remarks>Through the change tracker, so what depends on schedules (the kept API answers) hears of it.</remarks>
        public async Task<bool> HandleAsync(Guid periodId, CancellationToken cancellationToken)
        {
            if (await db.OutOfService.SingleOrDefaultAsync(o => o.Id == periodId, cancellationToken) is not { } period)
            {
                return false;
            }

            db.OutOfService.Remove(period);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
