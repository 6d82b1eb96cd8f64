using MicroSpa.Data;
using MicroSpa.Domain.Treatments;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Charts;

/// <summary>The domain's depth rules for one depth, for the live hints on the chart form (the same rules signing enforces).</summary>
public static class DepthCheck
{
    public sealed class Handler(MicroSpaDbContext db)
    {
        /// <returns>Null when the area or the device does not exist.</returns>
        public async Task<DepthVerdict?> HandleAsync(Guid areaId, Guid deviceId, decimal depthMm, FitzpatrickType? skinType, CancellationToken cancellationToken)
        {
            var area = await db.BodyAreas.AsNoTracking().SingleOrDefaultAsync(a => a.Id == areaId, cancellationToken);
            var device = await db.Devices.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deviceId, cancellationToken);
            return area is null || device is null ? null : DepthRules.Check(area, device, depthMm, skinType);
        }
    }
}
