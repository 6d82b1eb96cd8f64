using MicroSpa.Data;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Charts;

/// <summary>
/// A consultation record at the chair: the client, the visit, the record (draft or signed) and what blocks signing,
/// its photos, and the treatment plan its recommendation starts (or started).
/// </summary>
public static class ConsultationPage
{
    public sealed record Result(
        Guid ChartId, Guid ClientId, string Client, string Service, DateTime LocalStart, bool Signed, string? SignedBy, DateTime? LocalSignedAt,
        uint Version, IReadOnlyList<ChartFinding> Findings, IReadOnlyList<ChartPage.Addendum> Addenda, bool AwaitingCoSignature, string? CoSigned)
    {
        public SaveConsultation.Command Form { get; init; } = new();

        public Guid AppointmentId { get; init; }

        /// <summary>The needling services a series can be booked as.</summary>
        public IReadOnlyList<ChartPage.Option> Treatments { get; init; } = [];

        /// <summary>The areas a series can treat (and photos can show).</summary>
        public IReadOnlyList<ChartPage.Option> Areas { get; init; } = [];

        /// <summary>The consent signed for this visit includes photos.</summary>
        public bool PhotoConsent { get; init; }

        public IReadOnlyList<PhotoItem> Photos { get; init; } = [];

        /// <summary>The plan this consultation started, if it did.</summary>
        public Guid? PlanId { get; init; }

        /// <summary>What one click starts: "Acne scars on Cheeks: 4 sessions every 35 days", or null when the recommendation names no series.</summary>
        public string? Series { get; init; }
    }

    public sealed record PhotoItem(Guid Id, string Area, DateTime LocalTakenAt);

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
                .Select(a => new { a.StartsAt, a.ConsentSignatureId, Client = a.Client!.FirstName + " " + a.Client.LastName, Service = a.Service!.Name })
                .SingleAsync(cancellationToken);
            var treatments = await db.Services.AsNoTracking().Where(s => s.Kind == ServiceKind.Treatment && (s.IsActive || s.Id == record.RecommendedServiceId))
                .OrderBy(s => s.SortOrder).Select(s => new ChartPage.Option(s.Id, s.Name)).ToListAsync(cancellationToken);
            var areas = await db.BodyAreas.AsNoTracking().Where(a => !a.NeverTreat).OrderBy(a => a.SortOrder)
                .Select(a => new ChartPage.Option(a.Id, a.Name)).ToListAsync(cancellationToken);
            var photoConsent = visit.ConsentSignatureId is { } consentId
                && await db.ConsentSignatures.AnyAsync(c => c.Id == consentId && c.ClientId == record.ClientId && c.PhotoConsent, cancellationToken);
            var photos = await db.Photos.AsNoTracking().Where(p => p.TreatmentRecordId == record.Id).OrderBy(p => p.TakenAt)
                .Select(p => new { p.Id, p.AreaName, p.TakenAt }).ToListAsync(cancellationToken);
            var planId = await db.TreatmentPlans.AsNoTracking().Where(p => p.ConsultationRecordId == record.Id).Select(p => (Guid?)p.Id)
                .SingleOrDefaultAsync(cancellationToken);
            return new Result(record.Id, record.ClientId, visit.Client, visit.Service, zone.ToLocal(visit.StartsAt), record.IsSigned, record.SignedByName,
                record.SignedAt is { } signed ? zone.ToLocal(signed) : null, record.Version, record.IsSigned ? [] : record.CheckConsultation(),
                record.Addenda.OrderBy(a => a.At).Select(a => new ChartPage.Addendum(zone.ToLocal(a.At), a.ByName, a.Text)).ToList(),
                record.AwaitingCoSignature,
                record.CoSignedAt is { } coSigned ? $"{record.CoSignedByName}, {zone.ToLocal(coSigned).ToString("g", clinic.Value.CultureInfo)}" : null)
            {
                Form = SaveConsultation.Command.From(record),
                AppointmentId = record.AppointmentId,
                Treatments = treatments,
                Areas = areas,
                PhotoConsent = photoConsent,
                Photos = photos.Select(p => new PhotoItem(p.Id, p.AreaName, zone.ToLocal(p.TakenAt))).ToList(),
                PlanId = planId,
                Series = Describe(record, treatments, areas),
            };
        }
    }

    /// <summary>The series the recommendation names, in words, with the published defaults where it leaves sessions or interval empty.</summary>
    private static string? Describe(TreatmentRecord record, IReadOnlyList<ChartPage.Option> treatments, IReadOnlyList<ChartPage.Option> areas)
    {
        if (!record.RecommendsASeries)
        {
            return null;
        }

        var defaults = SeriesDefault.For(record.RecommendedIndication!.Value);
        var service = treatments.FirstOrDefault(t => t.Id == record.RecommendedServiceId)?.Name ?? "the recommended treatment";
        var names = areas.Where(a => record.RecommendedAreaIds.Contains(a.Id)).Select(a => a.Name);
        return $"{service} for {PlanOverview.Describe(record.RecommendedIndication.Value).ToLowerInvariant()} on {string.Join(", ", names)}: "
            + $"{record.RecommendedSessions ?? defaults.Sessions} sessions every {record.RecommendedIntervalDays ?? defaults.IntervalDays} days";
    }
}
