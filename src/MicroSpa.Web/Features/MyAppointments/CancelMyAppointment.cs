using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.MyAppointments;

/// <summary>A client cancels online before the cutoff; the time is free for others at once, and a deposit paid goes back.</summary>
public static class CancelMyAppointment
{
    public sealed class Handler(
        MicroSpaDbContext db, CurrentClient currentClient, AppointmentEmails emails, DepositRefunds deposits, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when the appointment is not the signed-in client's.</returns>
        public async Task<Outcome?> HandleAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.IdAsync(cancellationToken);
            var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == appointmentId && a.ClientId == clientId, cancellationToken);
            if (appointment is null)
            {
                return null;
            }

            var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);
            try
            {
                appointment.CancelByClient(clock.GetUtcNow(), policy.CancellationCutoff, actor.ChangedBy);
                await emails.QueueCancellationAsync(appointment, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Message);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome.Fail("This appointment changed a moment ago. Please look at it again.");
            }

            logger.LogInformation("Appointment {AppointmentId} cancelled online by the client", appointmentId);

            // Cancelled in time: a deposit goes back through Stripe (the client is emailed); the cancellation stands if that fails.
            await deposits.AfterCancellationAsync(appointmentId, cancellationToken);
            return Outcome.Success;
        }
    }
}
