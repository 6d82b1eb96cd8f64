using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Intake;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.CheckIn;

/// <summary>
/// The client answers the screening on the clinic's tablet at check-in. The answers go to the client's
/// screening record; the front desk only learns that it is done and whether it needs review.
/// </summary>
public static class AnswerScreeningAtCheckIn
{
    public sealed class Handler(
        MicroSpaDbContext db, Actor actor, Shared.ClinicalAudit audit, Shared.ClearanceVoiding voiding, Shared.ScreeningForms forms, TimeProvider clock,
        ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such appointment.</returns>
        /// <remarks>The same command (and validator) as online screening: every question answered yes or no.</remarks>
        public async Task<Outcome?> HandleAsync(Guid appointmentId, Shared.ScreeningAnswers command, CancellationToken cancellationToken)
        {
            var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
            if (appointment is null)
            {
                return null;
            }

            var questions = await forms.CurrentAsync(cancellationToken);
            var now = clock.GetUtcNow();
            try
            {
                var screening = Screening.Record(appointment.ClientId, questions, command.Answers, now);
                appointment.RecordCheckInScreening(screening, actor.ChangedBy);
                db.Screenings.Add(screening);
                audit.Add(screening.ClientId, Shared.ClinicalAudit.ScreeningAnswer, screening.Id);
                await voiding.VoidByAsync(screening, cancellationToken);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Message);
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Screening recorded at check-in for appointment {AppointmentId}", appointment.Id);
            return Outcome.Success;
        }
    }
}
