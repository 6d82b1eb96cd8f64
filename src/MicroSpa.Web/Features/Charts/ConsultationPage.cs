using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Charts;

/// <summary>A consultation record at the chair: the client, the visit, the record (draft or signed) and what blocks signing.</summary>
public static class ConsultationPage
{
    public sealed record Result(
        Guid ChartId, Guid ClientId, string Client, string Service, DateTime LocalStart, bool Signed, string? SignedBy, DateTime? LocalSignedAt,
        uint Version, IReadOnlyList<ChartFinding> Findings, IReadOnlyList<ChartPage.Addendum> Addenda, bool AwaitingCoSignature, string? CoSigned)
    {
        public SaveConsultation.Command Form { get; init; } = new();
    }

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, IOptions<ClinicOptions> clinic)
    {
        /// <returns>Null when there is no such consultation record.</returns>
        public async Task<Result?> HandleAsync(Guid chartId, CancellationToken cancellationToken)
        {
            var record = await db.TreatmentRecords.AsNoTracking().Include(r => r.Addenda).SingleOrDefaultAsync(r => r.Id == chartId, cancellationToken);
            if (record is null || !record.IsConsultation)
            {
                return null;
            }

            var visit = await db.Appointments.AsNoTracking().Where(a => a.Id == record.AppointmentId)
                .Select(a => new { a.StartsAt, Client = a.Client!.FirstName + " " + a.Client.LastName, Service = a.Service!.Name })
                .SingleAsync(cancellationToken);
            return new Result(record.Id, record.ClientId, visit.Client, visit.Service, zone.ToLocal(visit.StartsAt), record.IsSigned, record.SignedByName,
                record.SignedAt is { } signed ? zone.ToLocal(signed) : null, record.Version, record.IsSigned ? [] : record.CheckConsultation(),
                record.Addenda.OrderBy(a => a.At).Select(a => new ChartPage.Addendum(zone.ToLocal(a.At), a.ByName, a.Text)).ToList(),
                record.AwaitingCoSignature,
                record.CoSignedAt is { } coSigned ? $"{record.CoSignedByName}, {zone.ToLocal(coSigned).ToString("g", clinic.Value.CultureInfo)}" : null)
            {
                Form = SaveConsultation.Command.From(record),
            };
        }
    }
}
