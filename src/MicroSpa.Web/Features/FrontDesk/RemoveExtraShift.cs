using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>Removes a provider's extra shift: its times are no longer offered.</summary>
public static class RemoveExtraShift
{
    public sealed class Handler(MicroSpaDbContext db)
    {
        /// <remarks>Through the change tracker, so what depends on schedules (the kept API answers) hears of it.</remarks>
        public async Task<bool> HandleAsync(Guid providerId, Guid shiftId, CancellationToken cancellationToken)
        {
            if (await db.ExtraShifts.SingleOrDefaultAsync(e => e.Id == shiftId && e.ProviderId == providerId, cancellationToken) is not { } shift)
            {
                return false;
            }

            db.ExtraShifts.Remove(shift);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
