using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>
/// What every status change at the desk shares: the change applies only to the version the person was looking
/// at (the database re-checks it on save for a change that lands in between), and a refusal of the domain is
/// the answer. The appointment's method writes its own history line.
/// </summary>
internal static class AppointmentStatusChange
{
    /// <returns>Null when there is no such appointment.</returns>
    public static async Task<Outcome?> ApplyAsync(
        MicroSpaDbContext db, Guid id, uint version, Func<Appointment, Task> change, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is null)
        {
            return null;
        }

        if (appointment.Version != version)
        {
            return Outcome.Fail(ChangeAppointmentStatus.StaleMessage);
        }

        db.Entry(appointment).Property(a => a.Version).OriginalValue = version;
        try
        {
            await change(appointment);
        }
        catch (DomainException ex)
        {
            return Outcome.Fail(ex.Message);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Fail(ChangeAppointmentStatus.StaleMessage);
        }

        return Outcome.Success;
    }
}
