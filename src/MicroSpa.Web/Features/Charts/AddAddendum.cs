using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Charts;

/// <summary>A dated correction under a signed chart, by a clinician.</summary>
public static class AddAddendum
{
    public sealed class Handler(MicroSpaDbContext db, ClinicalAudit audit, Infrastructure.Actor actor, TimeProvider clock)
    {
        /// <returns>Null when there is no such chart.</returns>
        public async Task<Outcome?> HandleAsync(Guid chartId, string? text, CancellationToken cancellationToken)
        {
            var record = await db.TreatmentRecords.SingleOrDefaultAsync(r => r.Id == chartId, cancellationToken);
            if (record is null)
            {
                return null;
            }

            try
            {
                db.ChartAddenda.Add(record.AddAddendum(text ?? string.Empty, actor.UserId!.Value, actor.Name, clock.GetUtcNow()));
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field ?? string.Empty, ex.Message);
            }

            audit.Add(record.ClientId, ClinicalAudit.ChartAddendum, record.Id);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}
