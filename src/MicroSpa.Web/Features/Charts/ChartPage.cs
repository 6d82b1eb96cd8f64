using System.Globalization;
using MicroSpa.Data;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Charts;

/// <summary>
/// Everything the provider needs at the chair: the client's screening (flags to acknowledge), the consent
/// signed for this visit, previous sessions on the same areas, the chart (draft or signed) with what the
/// rules say about it now, and the aftercare plan the signature will issue.
/// </summary>
public static class ChartPage
{
    public sealed record Option(Guid Id, string Name);

    public sealed record Flag(string Question, ScreeningSeverity Severity);

    public sealed record Answer(string Question, bool Yes);

    public sealed record PreviousArea(DateTime LocalDate, string Area, decimal? DepthMm, string? Product, string? Reaction);

    public sealed record Addendum(DateTime LocalAt, string By, string Text);

    public sealed record Result(
        Guid ChartId, Guid AppointmentId, Guid ClientId, string Client, string Service, DateTime LocalStart, AppointmentStatus AppointmentStatus,
        bool Signed, string? SignedBy, DateTime? LocalSignedAt, uint Version,
        bool ScreeningDone, bool NeedsReview, IReadOnlyList<Flag> Flags, DateTime? LocalScreenedAt, int? ConsentVersion, bool PhotoConsent,
        IReadOnlyList<PreviousArea> Previous, IReadOnlyList<Option> AllAreas, IReadOnlyList<Option> Devices, IReadOnlyList<Option> Products,
        IReadOnlyList<ChartFinding> Findings,
        IReadOnlyList<Addendum> Addenda, IReadOnlyList<string> RulesAtSigning)
    {
        public SaveChart.Command Form { get; init; } = new();

        /// <summary>The client's treatment plans; <see cref="PlanId"/> is the one this session counts in.</summary>
        public IReadOnlyList<PlanOverview.Item> Plans { get; init; } = [];

        public Guid? PlanId { get; init; }

        public IReadOnlyList<ProgressScores.Current> Progress { get; init; } = [];

        public IReadOnlyList<ClientPhotos.Item> Photos { get; init; } = [];

        /// <summary>Every screening answer of this visit, for the provider to read in full.</summary>
        public IReadOnlyList<Answer> Answers { get; init; } = [];

        public bool AwaitingCoSignature { get; init; }

        /// <summary>A consultation record: its own page (<see cref="ConsultationPage"/>), not this chart.</summary>
        public bool IsConsultation { get; init; }

        /// <summary>What the visit still lacks before treatment and signing (screening, consent, clearance).</summary>
        public IReadOnlyList<GateItem> Missing { get; init; } = [];

        /// <summary>Before photos per area the clinic asks for (a signed chart: what it asked for then).</summary>
        public int BeforePhotosPerArea { get; init; }

        /// <summary>Before photos of this chart per area (body area id to count).</summary>
        public IReadOnlyDictionary<Guid, int> BeforePhotoCounts { get; init; } = new Dictionary<Guid, int>();

        /// <summary>"Name, date" of the co-signature, when there is one.</summary>
        public string? CoSigned { get; init; }

        /// <summary>Every area of the clinic, for the face and body map (<see cref="FaceMap"/>).</summary>
        public IReadOnlyList<FaceMap.Catalogue> MapAreas { get; init; } = [];

        /// <summary>Each area's depth at the client's last signed session that had it (body area id to depth and date).</summary>
        public IReadOnlyDictionary<Guid, FaceMap.LastTime> LastDepths { get; init; } = new Dictionary<Guid, FaceMap.LastTime>();

        /// <summary>The map for the chart as it stands (or as typed, when a save was refused).</summary>
        public FaceMap.Map Map => FaceMap.Build(MapAreas, Form.Areas, LastDepths);
    }

    public static readonly IReadOnlyList<string> Indications =
        ["Acne scars", "Stretch marks", "Wrinkles and fine lines", "Sun damage", "Pigmentation", "Enlarged pores", "Hair loss", "Laxity"];

    public sealed class Handler(MicroSpaDbContext db, Shared.TreatmentGates gates, BeforePhotoCounts.Handler beforePhotos, Shared.ScreeningForms forms, PlanOverview.Handler plans, ProgressScores.Handler progress, ClientPhotos.Handler photos, ClinicTimeZone zone, TimeProvider clock, IOptions<ClinicOptions> clinic)
    {
        /// <returns>Null when there is no such chart.</returns>
        public async Task<Result?> HandleAsync(Guid chartId, CancellationToken cancellationToken)
        {
            var record = await db.TreatmentRecords.AsNoTracking().Include(r => r.Addenda).SingleOrDefaultAsync(r => r.Id == chartId, cancellationToken);
            if (record is null)
            {
                return null;
            }

            if (record.IsConsultation)
            {
                return new Result(record.Id, record.AppointmentId, record.ClientId, string.Empty, string.Empty, default, default, record.IsSigned, null, null,
                    record.Version, false, false, [], null, null, false, [], [], [], [], [], [], []) { IsConsultation = true };
            }

            var appointment = await db.Appointments.AsNoTracking().Where(a => a.Id == record.AppointmentId)
                .Select(a => new { a.StartsAt, a.Status, a.ScreeningId, a.NeedsReview, a.ConsentSignatureId, Client = a.Client!.FirstName + " " + a.Client.LastName, Service = a.Service!.Name })
                .SingleAsync(cancellationToken);
            var gate = await gates.ForAsync(
                await db.Appointments.AsNoTracking().Include(a => a.Service).SingleAsync(a => a.Id == record.AppointmentId, cancellationToken), cancellationToken);
            var screening = appointment.ScreeningId is { } screeningId
                ? await db.Screenings.AsNoTracking().SingleAsync(s => s.Id == screeningId, cancellationToken)
                : null;
            // The answers as the client read them: the questions of the version they were shown.
            var shown = screening is null ? null : await forms.ShownAsync(screening, cancellationToken);
            var flags = screening is null || shown is null
                ? []
                : screening.Flags(shown, ScreeningSeverity.HardStop).Concat(screening.Flags(shown, ScreeningSeverity.NeedsReview))
                    .Select(q => new Flag(q.Text, q.Severity)).ToList();
            var consent = appointment.ConsentSignatureId is { } consentId
                ? await db.ConsentSignatures.AsNoTracking().Where(c => c.Id == consentId).Select(c => new { c.FormVersion, c.PhotoConsent }).SingleAsync(cancellationToken)
                : null;

            var areaIds = record.Areas.Select(a => a.BodyAreaId).ToList();
            var signedBefore = await db.TreatmentRecords.AsNoTracking()
                .Where(r => r.ClientId == record.ClientId && r.Id != record.Id && r.Status == ChartStatus.Signed)
                .OrderByDescending(r => r.SignedAt).Take(10).ToListAsync(cancellationToken);
            var previous = signedBefore
                .SelectMany(r => r.Areas.Where(a => areaIds.Contains(a.BodyAreaId))
                    .Select(a => new PreviousArea(zone.ToLocal(r.SignedAt!.Value), a.AreaName, a.DepthMm, a.ProductName, a.Reaction)))
                .ToList();
            // The map's "last time": the newest signed session that had the area (the list is newest first).
            var lastDepths = new Dictionary<Guid, FaceMap.LastTime>();
            foreach (var (area, signedAt) in signedBefore.SelectMany(r => r.Areas.Select(a => (a, r.SignedAt!.Value))))
            {
                lastDepths.TryAdd(area.BodyAreaId, new FaceMap.LastTime(area.DepthMm, zone.ToLocal(signedAt)));
            }

            var areas = await db.BodyAreas.AsNoTracking().OrderBy(a => a.SortOrder).ToListAsync(cancellationToken);
            var devices = await db.Devices.AsNoTracking().Where(d => d.InService || d.Id == record.DeviceId).OrderBy(d => d.Name).ToListAsync(cancellationToken);
            var products = await db.Products.AsNoTracking().Where(p => p.Active || record.Areas.Select(a => a.ProductId).Contains(p.Id))
                .OrderBy(p => p.Name).ToListAsync(cancellationToken);
            var sessionDate = DateOnly.FromDateTime(zone.ToLocal(appointment.StartsAt));
            var photoRule = await beforePhotos.ForAsync(record, cancellationToken);
            var findings = record.IsSigned
                ? []
                : record.Check(areas.ToDictionary(a => a.Id), devices.SingleOrDefault(d => d.Id == record.DeviceId), products.ToDictionary(p => p.Id), sessionDate,
                    appointment.NeedsReview, gate, photoRule);
            var templates = await db.AftercareTemplate.AsNoTracking().Where(t => t.Active).ToListAsync(cancellationToken);
            var preview = record.IsSigned || record.Areas.Count == 0
                ? []
                : AftercarePlanner.Plan(templates, clock.GetUtcNow(), record.DeepestMm, OnBody(record, areas), zone, clinic.Value.CultureInfo);

            return new Result(record.Id, record.AppointmentId, record.ClientId, appointment.Client, appointment.Service, zone.ToLocal(appointment.StartsAt),
                appointment.Status, record.IsSigned, record.SignedByName, record.SignedAt is { } signed ? zone.ToLocal(signed) : null, record.Version,
                screening is not null, appointment.NeedsReview, flags, screening is null ? null : zone.ToLocal(screening.AnsweredAt), consent?.FormVersion,
                consent?.PhotoConsent ?? false, previous,
                areas.Where(a => a.CanBeCharted).Select(a => new Option(a.Id, a.Name)).ToList(),
                devices.Select(d => new Option(d.Id, $"{d.Name} ({d.Model}, up to {d.MaxDepthMm:0.0#} mm in {d.DepthStepMm:0.0#} mm steps)")).ToList(),
                products.Select(p => new Option(p.Id, p.NotForNeedledSkin ? $"{p.Name} — not for needled skin" : p.Name)).ToList(),
                findings,
                record.Addenda.OrderBy(a => a.At).Select(a => new Addendum(zone.ToLocal(a.At), a.ByName, a.Text)).ToList(),
                record.Areas.Select(a => a.RulesAtSigning ?? string.Empty).ToList())
            {
                Form = SaveChart.Command.From(record, zone, preview),
                Plans = await plans.ForClientAsync(record.ClientId, cancellationToken),
                Progress = await progress.ForChartAsync(record.Id, cancellationToken),
                Photos = await photos.ForChartAsync(record.Id, cancellationToken),
                PlanId = await db.PlanSessions.Where(s => s.TreatmentRecordId == record.Id).Select(s => (Guid?)s.PlanId).SingleOrDefaultAsync(cancellationToken),
                Answers = screening is null || shown is null
                    ? []
                    : shown.Questions
                        .Join(screening.Answers, q => q.Code, a => a.Code, (q, a) => new Answer(q.Text, a.Yes)).ToList(),
                AwaitingCoSignature = record.AwaitingCoSignature,
                Missing = record.IsSigned ? [] : gate.Missing,
                BeforePhotosPerArea = record.IsSigned ? record.BeforePhotosRequired ?? 0 : photoRule.RequiredPerArea,
                BeforePhotoCounts = record.Areas.ToDictionary(a => a.BodyAreaId, a => photoRule.Count(a.BodyAreaId)),
                MapAreas = areas.Select(a => new FaceMap.Catalogue(a.Id, a.Name, a.Region, a.CanBeCharted, a.NeverTreat)).ToList(),
                LastDepths = lastDepths,
                CoSigned = record.CoSignedAt is { } coSigned ? $"{record.CoSignedByName}, {zone.ToLocal(coSigned).ToString("g", clinic.Value.CultureInfo)}" : null,
            };
        }

        /// <summary>Body areas (off the face, neck and scalp) lengthen some aftercare lines.</summary>
        public static bool OnBody(TreatmentRecord record, IEnumerable<BodyArea> areas)
        {
            var regions = areas.ToDictionary(a => a.Id, a => a.Region);
            return record.Areas.Any(a => regions.TryGetValue(a.BodyAreaId, out var region)
                                         && region is not (BodyRegion.Face or BodyRegion.Neck or BodyRegion.Scalp));
        }
    }

    public static string Format(decimal? value) => value?.ToString("0.0#", CultureInfo.InvariantCulture) ?? string.Empty;
}
