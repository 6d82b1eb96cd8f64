using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

public static class RemoveTimeOff
{
    public sealed class Handler(MicroSpaDbContext db)
    {
        /// <remarks>Through the change tracker, so what depends on schedules (the kept API answers) hears of it.</remarks>
        public async Task<bool> HandleAsync(Guid providerId, Guid timeOffId, CancellationToken cancellationToken)
        {
            if (await db.TimeOff.SingleOrDefaultAsync(t => t.Id == timeOffId && t.ProviderId == providerId, cancellationToken) is not { } timeOff)
            {
                return false;
            }

            db.TimeOff.Remove(timeOff);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
