using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

public static class RemoveTimeOff
{
    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<bool> HandleAsync(Guid providerId, Guid timeOffId, CancellationToken cancellationToken) =>
            await db.TimeOff.Where(t => t.Id == timeOffId && t.ProviderId == providerId).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
