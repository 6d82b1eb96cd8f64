using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>
/// The front desk cancels an appointment, with a reason and an internal note; a client's request inside the cutoff
/// is recorded as a late cancellation (the appointment's rule). The client is emailed the cancellation; a deposit held
/// goes back when the cancellation is in time or the clinic's (<see cref="Shared.DepositRefunds"/>).
/// </summary>
public static class CancelAppointment
{
    public sealed class Handler(
        MicroSpaDbContext db, Shared.AppointmentEmails emails, Shared.DepositRefunds deposits, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such appointment.</returns>
        public async Task<Outcome?> HandleAsync(Guid id, uint version, CancellationReason reason, string? note, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var outcome = await AppointmentStatusChange.ApplyAsync(db, id, version, async appointment =>
            {
                var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);
                appointment.Cancel(reason, note, policy.CancellationCutoff, now, actor.ChangedBy);

                // The client hears of it (with the calendar's cancellation), whoever cancelled; the note stays internal.
                await emails.QueueCancellationAsync(appointment, cancellationToken);
            }, cancellationToken);
            if (outcome is { Succeeded: true })
            {
                logger.LogInformation("Appointment {AppointmentId}: {Action} by account {UserId}", id, ChangeAppointmentStatus.Cancel, actor.UserId);

                // In time (or the clinic's cancellation): a deposit goes back through Stripe; a late one keeps it.
                await deposits.AfterCancellationAsync(id, cancellationToken);
            }

            return outcome;
        }
    }
}
