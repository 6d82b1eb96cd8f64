using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.MyAppointments;

/// <summary>"Cancel this appointment?": the visit, the clinic's cancellation policy and what happens next, before anything is cancelled.</summary>
public static class CancellingPage
{
    public sealed record Result(MyAppointmentList.Item Item, int CancellationCutoffHours, DateTime FreeUntil, string? PaidAtBooking);

    public sealed class Handler(MyAppointmentList.Handler appointments, MicroSpaDbContext db, ClinicTimeZone zone)
    {
        /// <returns>Null when the appointment is not the signed-in client's.</returns>
        public async Task<Result?> HandleAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            if (await appointments.OneAsync(appointmentId, cancellationToken) is not { } item)
            {
                return null;
            }

            var cutoff = await db.BookingPolicies.AsNoTracking().Select(p => p.CancellationCutoffHours).SingleAsync(cancellationToken);
            return new Result(item, cutoff, zone.ToLocal(item.StartsAt.AddHours(-cutoff)), await appointments.PaidAtBookingAsync(appointmentId, cancellationToken));
        }
    }
}
