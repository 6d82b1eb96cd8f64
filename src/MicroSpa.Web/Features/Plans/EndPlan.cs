using System.ComponentModel.DataAnnotations;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Plans;

/// <summary>A clinician ends a plan with a reason: nothing is due from it and no reminders go out (audited).</summary>
public static class EndPlan
{
    public const string Ended = "plan.end";

    public sealed class Command
    {
        [Display(Name = "Why the plan ends")]
        public string? Reason { get; set; }
    }

    public sealed class Handler(MicroSpaDbContext db, ClinicalAudit audit, ClinicTimeZone zone, TimeProvider clock)
    {
        /// <returns>Null when there is no such plan.</returns>
        public async Task<Outcome?> HandleAsync(Guid planId, Command form, CancellationToken cancellationToken)
        {
            var plan = await db.TreatmentPlans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
            if (plan is null)
            {
                return null;
            }

            try
            {
                plan.End(zone.Today(clock.GetUtcNow()), form.Reason);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field == nameof(TreatmentPlan.EndReason) ? nameof(Command.Reason) : string.Empty, ex.Message);
            }

            audit.Add(plan.ClientId, Ended, plan.Id);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}
