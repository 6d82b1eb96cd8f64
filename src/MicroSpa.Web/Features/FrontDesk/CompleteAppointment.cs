using MicroSpa.Data;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>The visit is over: an appointment in treatment is completed.</summary>
public static class CompleteAppointment
{
    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such appointment.</returns>
        public async Task<Outcome?> HandleAsync(Guid id, uint version, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var outcome = await AppointmentStatusChange.ApplyAsync(db, id, version, appointment =>
            {
                appointment.Complete(now, actor.ChangedBy);
                return Task.CompletedTask;
            }, cancellationToken);
            if (outcome is { Succeeded: true })
            {
                logger.LogInformation("Appointment {AppointmentId}: {Action} by account {UserId}", id, ChangeAppointmentStatus.Complete, actor.UserId);
            }

            return outcome;
        }
    }
}
