using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Plans;

/// <summary>A clinician reopens an ended plan (audited).</summary>
public static class ReopenPlan
{
    public const string Reopened = "plan.reopen";

    public sealed class Handler(MicroSpaDbContext db, ClinicalAudit audit)
    {
        /// <returns>Null when there is no such plan.</returns>
        public async Task<Outcome?> HandleAsync(Guid planId, CancellationToken cancellationToken)
        {
            var plan = await db.TreatmentPlans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
            if (plan is null)
            {
                return null;
            }

            try
            {
                plan.Reopen();
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Message);
            }

            audit.Add(plan.ClientId, Reopened, plan.Id);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}
