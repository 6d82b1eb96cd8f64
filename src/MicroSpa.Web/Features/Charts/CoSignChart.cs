using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Charts;

/// <summary>The medical director co-signs charts signed by estheticians and nurses (when the clinic requires it).</summary>
public static class CoSignChart
{
    public const string Action = "chart.cosign";

    public sealed class Handler(MicroSpaDbContext db, ClinicalAudit audit, Actor actor, TimeProvider clock)
    {
        /// <returns>Null when there is no such chart.</returns>
        public async Task<Outcome?> HandleAsync(Guid chartId, CancellationToken cancellationToken)
        {
            var record = await db.TreatmentRecords.SingleOrDefaultAsync(r => r.Id == chartId, cancellationToken);
            if (record is null)
            {
                return null;
            }

            try
            {
                record.CoSign(actor.UserId!.Value, actor.Name, clock.GetUtcNow());
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Message);
            }

            audit.Add(record.ClientId, Action, record.Id);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}
