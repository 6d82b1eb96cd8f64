using MicroSpa.Data;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Arrival;

/// <summary>
/// The checked-in client signs the clinic's consent on their own phone, on the version they were shown (the exact text
/// is the version's, kept insert-only), by typing their full name as on the tablet. A name that does not match is refused
/// without saying the one on file: whoever holds the link learns no one's name from it.
/// </summary>
public static class SignConsentByLink
{
    public const string NameMismatch =
        "That is not the name on your booking. Type your first and last name as you gave them to us, or ask the front desk to sign on the clinic's tablet.";

    public sealed class Handler(
        MicroSpaDbContext db, Shared.ArrivalLinks links, Shared.TreatmentGates gates, Shared.CheckInConsent.Signer signer, TimeProvider clock,
        ILogger<Handler> logger)
    {
        /// <returns>Null when the link names no visit.</returns>
        public async Task<Outcome?> HandleAsync(string token, Shared.CheckInConsent.Command command, string ipAddress, string userAgent, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            if (await ArrivalVisit.FindAsync(db, links, token, now, tracked: true, cancellationToken) is not { } appointment)
            {
                return null;
            }

            if (appointment.Status != AppointmentStatus.CheckedIn)
            {
                return appointment.Status == AppointmentStatus.Booked
                    ? Outcome.Fail("Tap \u201cI'm here\u201d when you arrive; the consent comes after.")
                    : Outcome.Success;
            }

            var gate = await gates.ForAsync(appointment, cancellationToken);
            if (appointment.ConsentSignatureId is not null && !gate.Missing.Any(m => m.Step == GateStep.Consent))
            {
                return Outcome.Success;
            }

            var (outcome, version) = await signer.SignAsync(appointment, command, Shared.ArrivalLinks.Client, ipAddress, userAgent, NameMismatch, cancellationToken);
            if (version is not null)
            {
                logger.LogInformation("Consent v{Version} signed through the I'm here link for appointment {AppointmentId}", version, appointment.Id);
            }

            return outcome;
        }
    }
}
