using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.Charts;

/// <summary>Opens the chart of a checked-in appointment, or finds the one already open (two tablets, one chart).</summary>
public static class OpenChart
{
    public sealed class Handler(MicroSpaDbContext db, ClinicalAudit audit, TimeProvider clock)
    {
        /// <returns>Null when there is no such appointment.</returns>
        public async Task<(Guid? ChartId, Outcome Outcome)?> HandleAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            if (await db.TreatmentRecords.Where(r => r.AppointmentId == appointmentId).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken) is { } existing)
            {
                return (existing, Outcome.Success);
            }

            var appointment = await db.Appointments.Include(a => a.BodyAreas).Include(a => a.Service).SingleOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
            if (appointment is null)
            {
                return null;
            }

            TreatmentRecord record;
            try
            {
                record = TreatmentRecord.Open(appointment, clock.GetUtcNow());
            }
            catch (DomainException ex)
            {
                return (null, Outcome.Fail(ex.Message));
            }

            db.TreatmentRecords.Add(record);
            audit.Add(record.ClientId, ClinicalAudit.ChartOpen, record.Id);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear();
                return (await db.TreatmentRecords.Where(r => r.AppointmentId == appointmentId).Select(r => r.Id).SingleAsync(cancellationToken), Outcome.Success);
            }

            return (record.Id, Outcome.Success);
        }
    }
}
