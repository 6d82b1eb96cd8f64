using MicroSpa.Data;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.CheckIn;

/// <summary>The client signs the clinic's consent on the tablet at check-in (see <see cref="Shared.CheckInConsent"/>).</summary>
public static class SignConsentAtCheckIn
{
    public sealed class Handler(MicroSpaDbContext db, Actor actor, Shared.CheckInConsent.Signer signer)
    {
        /// <returns>Null when there is no such appointment.</returns>
        public async Task<Outcome?> HandleAsync(
            Guid appointmentId, Shared.CheckInConsent.Command command, string ipAddress, string userAgent, CancellationToken cancellationToken)
        {
            var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
            if (appointment is null)
            {
                return null;
            }

            return (await signer.SignAsync(appointment, command, actor.ChangedBy, ipAddress, userAgent, nameMismatch: null, cancellationToken)).Outcome;
        }
    }
}
