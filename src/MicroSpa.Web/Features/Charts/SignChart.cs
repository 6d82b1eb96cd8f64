using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Charts;

/// <summary>
/// Signs a saved draft (the chart's sign button; <see cref="SaveChart"/> saves the draft first, so a refused
/// signature loses nothing): every rule is checked, the medical director's co-signature is asked for when the
/// clinic requires it, and the client's dated aftercare plan is issued and emailed. A signed chart never changes.
/// </summary>
public static class SignChart
{
    /// <summary>The draft just saved, with what it was checked against.</summary>
    public sealed record Draft(
        TreatmentRecord Record, Appointment Appointment, IReadOnlyDictionary<Guid, BodyArea> Areas, Device? Device,
        IReadOnlyDictionary<Guid, Product> Products, DateOnly SessionDate, DateTimeOffset Now);

    public sealed class Handler(
        MicroSpaDbContext db, ClinicalAudit audit, AftercareEmails emails, Shared.TreatmentGates gates, BeforePhotoCounts.Handler beforePhotos, Actor actor,
        ClinicTimeZone zone, Microsoft.Extensions.Options.IOptions<ClinicOptions> clinic, ILogger<Handler> logger)
    {
        public async Task<SaveChart.Result> HandleAsync(Draft draft, IReadOnlyList<SaveChart.PlanLine> plan, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(draft);
            ArgumentNullException.ThrowIfNull(plan);
            var (record, appointment, areas, device, products, sessionDate, now) = draft;

            try
            {
                var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);
                var gate = await gates.ForAsync(appointment, cancellationToken);
                record.Sign(gate, await beforePhotos.ForAsync(record, cancellationToken), areas, device, products, sessionDate, actor.UserId!.Value, actor.Name, now,
                    appointment.NeedsReview,
                    needsCoSignature: policy.CoSignatureNeeded(signedByMedicalDirector: actor.IsInRole(Data.Identity.Roles.MedicalDirector)));
            }
            catch (DomainException ex)
            {
                db.ChangeTracker.Clear();
                return new SaveChart.Result(Outcome.Fail(ex.Field ?? string.Empty, ex.Message), false);
            }

            var items = plan.Count > 0
                ? plan.Where(p => p.Keep).Select(p => new AftercarePlanItem(p.Kind, p.Text.Trim(), p.Until)).ToList()
                : [.. AftercarePlanner.Plan(await db.AftercareTemplate.AsNoTracking().Where(t => t.Active).ToListAsync(cancellationToken), now,
                    record.DeepestMm, ChartPage.Handler.OnBody(record, areas.Values), zone, clinic.Value.CultureInfo)];
            AftercarePlan issued;
            try
            {
                issued = new AftercarePlan(record, items, now);
            }
            catch (DomainException ex)
            {
                db.ChangeTracker.Clear();
                return new SaveChart.Result(Outcome.Fail(nameof(SaveChart.Command.Plan), ex.Message), false);
            }

            db.AftercarePlans.Add(issued);
            audit.Add(record.ClientId, ClinicalAudit.ChartSign, record.Id);
            await emails.QueueAsync(issued, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new SaveChart.Result(Outcome.Conflict(SaveChart.StaleMessage), false);
            }

            logger.LogInformation("Chart {ChartId} signed by account {UserId}; aftercare plan {PlanId}", record.Id, actor.UserId, issued.Id);
            return new SaveChart.Result(Outcome.Success, true);
        }
    }
}
