using MicroSpa.Data;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>The front desk marks a client who did not come as a no-show (only after the start time); the client is emailed "we missed you".</summary>
public static class MarkNoShow
{
    public sealed class Handler(MicroSpaDbContext db, AppointmentEmails emails, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such appointment.</returns>
        public async Task<Outcome?> HandleAsync(Guid id, uint version, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var outcome = await AppointmentStatusChange.ApplyAsync(db, id, version, async appointment =>
            {
                appointment.MarkNoShow(now, actor.ChangedBy);
                await emails.QueueMissedAsync(appointment, cancellationToken);
            }, cancellationToken);
            if (outcome is { Succeeded: true })
            {
                logger.LogInformation("Appointment {AppointmentId}: {Action} by account {UserId}", id, ChangeAppointmentStatus.NoShow, actor.UserId);
            }

            return outcome;
        }
    }
}
