using MicroSpa.Data;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>The treatment starts: only once the gate (screening, consent, clearance) is open for this visit.</summary>
public static class StartTreatment
{
    public sealed class Handler(MicroSpaDbContext db, Shared.TreatmentGates gates, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such appointment.</returns>
        public async Task<Outcome?> HandleAsync(Guid id, uint version, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var outcome = await AppointmentStatusChange.ApplyAsync(db, id, version, async appointment =>
                appointment.StartTreatment(await gates.ForAsync(appointment, cancellationToken), now, actor.ChangedBy), cancellationToken);
            if (outcome is { Succeeded: true })
            {
                logger.LogInformation("Appointment {AppointmentId}: {Action} by account {UserId}", id, ChangeAppointmentStatus.Start, actor.UserId);
            }

            return outcome;
        }
    }
}
