using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Arrival;

/// <summary>
/// The checked-in client answers the health screening on their own phone, as they would on the clinic's tablet: the same
/// questions and validation (<see cref="Shared.ScreeningAnswers"/>), the answers into their screening record (never a log
/// line), audited, a hard stop voiding a clearance. Only while the visit still needs it: a second post changes nothing.
/// </summary>
public static class AnswerScreeningByLink
{
    public sealed class Handler(
        MicroSpaDbContext db, Shared.ArrivalLinks links, Shared.TreatmentGates gates, Shared.ClearanceVoiding voiding, Shared.ScreeningForms forms,
        Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when the link names no visit.</returns>
        public async Task<Outcome?> HandleAsync(string token, Shared.ScreeningAnswers command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            if (await ArrivalVisit.FindAsync(db, links, token, now, tracked: true, cancellationToken) is not { } appointment)
            {
                return null;
            }

            if (appointment.Status != AppointmentStatus.CheckedIn)
            {
                return appointment.Status == AppointmentStatus.Booked
                    ? Outcome.Fail("Tap \u201cI'm here\u201d when you arrive; the questions come after.")
                    : Outcome.Success;
            }

            var gate = await gates.ForAsync(appointment, cancellationToken);
            if (appointment.ScreeningId is not null && !gate.Missing.Any(m => m.Step == GateStep.Screening))
            {
                return Outcome.Success;
            }

            var questions = await forms.CurrentAsync(cancellationToken);
            try
            {
                var screening = Screening.Record(appointment.ClientId, questions, command.Answers, now);
                appointment.RecordCheckInScreening(screening, Shared.ArrivalLinks.Client);
                db.Screenings.Add(screening);
                db.AuditEntries.Add(new AuditEntry(null, Shared.ArrivalLinks.Client.Name, screening.ClientId, Shared.ClinicalAudit.ScreeningAnswer, screening.Id, now,
                    "I'm here link", actor.Address));
                await voiding.VoidByAsync(screening, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Message);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The same answers posted twice at once: the first one's screening is the visit's, this one is not kept.
                return Outcome.Success;
            }

            logger.LogInformation("Screening recorded through the I'm here link for appointment {AppointmentId}", appointment.Id);
            return Outcome.Success;
        }
    }
}
