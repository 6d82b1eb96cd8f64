using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClinicalSettings;

/// <summary>The change form of one aftercare template line, filled with what is saved now.</summary>
public static class AftercareLineForm
{
    public sealed class Handler(MicroSpaDbContext db)
    {
        /// <returns>Null when there is no such line.</returns>
        public async Task<SaveAftercareLine.Command?> HandleAsync(Guid id, CancellationToken cancellationToken) =>
            await db.AftercareTemplate.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken) is { } l
                ? new SaveAftercareLine.Command
                {
                    Kind = l.Kind, Text = l.Text, Hours = l.Hours, DeeperThanMm = l.DeeperThanMm, ExtraHoursWhenDeeper = l.ExtraHoursWhenDeeper,
                    ExtraHoursOnBody = l.ExtraHoursOnBody,
                }
                : null;
    }
}
