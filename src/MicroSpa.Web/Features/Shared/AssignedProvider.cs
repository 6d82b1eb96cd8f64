using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// Who a time was found for: the provider confirming would book it with now (the same assignment online booking makes),
/// so a client who chose "any provider" is told a name before confirming instead of "any available provider".
/// </summary>
public static class AssignedProvider
{
    public sealed record Result(Guid ProviderId, string Name);

    public sealed class Handler(MicroSpaDbContext db, OpenTimes.Handler openTimes, ClinicTimeZone zone)
    {
        /// <returns>Null when the time is no longer open online (or the service no longer offered).</returns>
        public async Task<Result?> HandleAsync(Guid serviceId, Guid? providerId, DateTimeOffset start, CancellationToken cancellationToken)
        {
            var day = DateOnly.FromDateTime(zone.ToLocal(start));
            var times = await openTimes.HandleAsync(new OpenTimes.Query(serviceId, day, day, providerId), cancellationToken);
            if (times is null || AvailabilityCalculator.Assign(times.Request, zone, start, providerId) is not { } assignment)
            {
                return null;
            }

            var name = await db.Providers.AsNoTracking().Where(p => p.Id == assignment.ProviderId).Select(p => p.DisplayName).SingleAsync(cancellationToken);
            return new Result(assignment.ProviderId, name);
        }
    }
}
