using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Arrival;

/// <summary>
/// The client taps "I'm here" on the link of the day's reminder: checked in by the same rules as at the desk (on the
/// visit's day, from the clinic's window before its start), with the client as the history line's author. Tapping
/// twice, or after the desk checked them in, changes nothing.
/// </summary>
public static class CheckInByLink
{
    public const string Passed = "The time of this visit has passed. If you are at the clinic, please tell the front desk.";

    public sealed class Handler(MicroSpaDbContext db, Shared.ArrivalLinks links, ClinicTimeZone zone, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when the link names no visit.</returns>
        public async Task<Outcome?> HandleAsync(string token, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            if (await ArrivalVisit.FindAsync(db, links, token, now, tracked: true, cancellationToken) is not { } appointment)
            {
                return null;
            }

            if (appointment.Status == AppointmentStatus.CheckedIn)
            {
                return Outcome.Success;
            }

            try
            {
                if (appointment.Status == AppointmentStatus.Booked && now >= appointment.EndsAt)
                {
                    return Outcome.Fail(Passed);
                }

                (await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken)).EnsureCheckInOpen(appointment.StartsAt, now, zone);
                appointment.CheckIn(now, Shared.ArrivalLinks.Client);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Message);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The desk changed the visit at the same moment (checked them in, most likely): the page shows where it is now.
                return Outcome.Success;
            }

            logger.LogInformation("Appointment {AppointmentId}: checked in by the client's I'm here link", appointment.Id);
            return Outcome.Success;
        }
    }
}
