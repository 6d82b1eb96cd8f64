using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Charts;

/// <summary>
/// Signs a consultation record just saved as a draft (<see cref="SaveConsultation"/> saves it first, so a refused
/// signature loses nothing). Signing asks for no device, cartridge, depth or numbing and issues no aftercare; the
/// medical director's co-signature is asked for when the clinic requires it. A signed record never changes.
/// </summary>
public static class SignConsultation
{
    public sealed class Handler(MicroSpaDbContext db, ClinicalAudit audit, Actor actor, ILogger<Handler> logger)
    {
        public async Task<SaveChart.Result> HandleAsync(TreatmentRecord record, DateTimeOffset now, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(record);
            try
            {
                var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);
                record.SignConsultation(actor.UserId!.Value, actor.Name, now,
                    needsCoSignature: policy.CoSignatureNeeded(signedByMedicalDirector: actor.IsInRole(Data.Identity.Roles.MedicalDirector)));
            }
            catch (DomainException ex)
            {
                db.ChangeTracker.Clear();
                return new SaveChart.Result(Outcome.Fail(ex.Field ?? string.Empty, ex.Message), false);
            }

            audit.Add(record.ClientId, ClinicalAudit.ChartSign, record.Id);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new SaveChart.Result(Outcome.Conflict(SaveChart.StaleMessage), false);
            }

            logger.LogInformation("Consultation record {ChartId} signed by account {UserId}", record.Id, actor.UserId);
            return new SaveChart.Result(Outcome.Success, true);
        }
    }
}
