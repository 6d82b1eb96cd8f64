using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClientRecords;

/// <summary>
/// Everything MicroSpa holds about one client that the client has a right to (HIPAA right of access): profile,
/// appointments with their history, signed charts, aftercare plans, consents with the text signed, screenings with
/// the questions shown, progress scores and the list of photos (their bytes are read one at a time by the archive).
/// Every query is filtered by the one client id it is given, so nothing of another client can come along.
/// </summary>
public static class ClientRecordSet
{
    public sealed record Profile(
        Guid Id, string FirstName, string LastName, string? Email, string? Phone, DateOnly? DateOfBirth, DateTimeOffset CreatedAtUtc,
        string? PreferredProvider, bool RemindersTurnedOff, string? DeskNotes, bool HasPortalAccount);

    public sealed record HistoryLine(DateTimeOffset AtUtc, DateTime AtLocal, string What, string By);

    public sealed record Visit(
        Guid AppointmentId, string Service, string Provider, IReadOnlyList<string> Areas, DateTime StartsAtLocal, DateTime EndsAtLocal,
        DateTimeOffset StartsAtUtc, DateTimeOffset EndsAtUtc, string Status, string? CancellationReason, string BookedThrough,
        DateTimeOffset BookedAtUtc, IReadOnlyList<HistoryLine> History);

    public sealed record ChartArea(
        string Area, decimal? DepthMm, int? Passes, string? Serum, string? SerumLot, string? Endpoint, string? Reaction,
        string? ReasonAboveBand, string? RulesAtSigning);

    public sealed record Addendum(string Text, string By, DateTimeOffset AtUtc, DateTime AtLocal);

    public sealed record Chart(
        Guid Id, Guid AppointmentId, string Kind, DateOnly SessionDate, string Service, string Provider, string? SkinType, string? SkinNotes,
        IReadOnlyList<string> Indications, string? NumbingAgent, DateTime? NumbingAppliedAtLocal, DateTime? NumbingRemovedAtLocal,
        int? NumbingMinutes, bool NumbingOccluded, string? Device, int? CartridgeNeedles, string? CartridgeLot, DateOnly? CartridgeExpiry,
        IReadOnlyList<ChartArea> Areas, string? Findings, string? RecommendedPlan, string? Notes, string? NoPhotosReason,
        string SignedBy, DateTimeOffset SignedAtUtc, DateTime SignedAtLocal, string? CoSignedBy, DateTimeOffset? CoSignedAtUtc,
        IReadOnlyList<Addendum> Addenda)
    {
        /// <summary>The chart's PDF inside the archive.</summary>
        public string PdfFile => $"charts/{SessionDate:yyyy-MM-dd}-{(Kind == "consultation" ? "consultation" : "treatment")}-{Id:N}.pdf";
    }

    public sealed record AftercareLine(string Kind, string Text, DateTime? UntilLocal, DateTimeOffset? UntilUtc);

    public sealed record Aftercare(Guid Id, Guid ChartId, Guid AppointmentId, DateTimeOffset IssuedAtUtc, DateTime IssuedAtLocal, IReadOnlyList<AftercareLine> Lines);

    public sealed record Consent(
        Guid Id, int Version, string Title, string Text, string TypedName, bool PhotoConsent, DateTimeOffset SignedAtUtc, DateTime SignedAtLocal,
        string SignedFromAddress, string SignedWithBrowser, IReadOnlyList<Guid> AppointmentIds);

    public sealed record Answer(string Code, string Question, string Answered);

    public sealed record ScreeningRecord(
        Guid Id, int QuestionsVersion, DateTimeOffset AnsweredAtUtc, DateTime AnsweredAtLocal, string Outcome, bool ConfirmedUnchanged,
        IReadOnlyList<Guid> AppointmentIds, IReadOnlyList<Answer> Answers);

    public sealed record Progress(Guid ChartId, DateOnly SessionDate, string Area, string Scale, int? ProviderScore, int? YourRating, DateTimeOffset UpdatedAtUtc);

    public sealed record PhotoFile(
        Guid Id, string File, Guid ChartId, DateOnly SessionDate, string Area, string Kind, string ContentType, int Width, int Height,
        int SizeBytes, DateTimeOffset TakenAtUtc, DateTime TakenAtLocal);

    public sealed record Plan(
        Guid Id, string Service, string Indication, IReadOnlyList<string> Areas, int PlannedSessions, int IntervalDays, int MaintenanceMonths,
        DateOnly StartsOn, DateTimeOffset CreatedAtUtc, DateOnly? EndedOn, string? EndReason, IReadOnlyList<Guid> SessionChartIds);

    public sealed record Clearance(
        Guid Id, string Decision, string Examiner, string ExaminerCredential, string? ExaminerLicenceState, DateOnly ExaminedOn, string Mode,
        IReadOnlyList<string> ServicesCleared, string? Indications, string? Contraindications, DateOnly? ExpiresOn, string? DeclineReason,
        string RecordedBy, DateTimeOffset RecordedAtUtc, DateTimeOffset? VoidedAtUtc);

    public sealed record Records(
        Profile Client, string ClinicName, string TimeZone, DateTimeOffset ProducedAtUtc, IReadOnlyList<Visit> Appointments,
        IReadOnlyList<Chart> Charts, IReadOnlyList<Aftercare> AftercarePlans, IReadOnlyList<Consent> Consents,
        IReadOnlyList<ScreeningRecord> Screenings, IReadOnlyList<Progress> Progress, IReadOnlyList<PhotoFile> Photos,
        IReadOnlyList<Plan> TreatmentPlans, IReadOnlyList<Clearance> Clearances);

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ClinicOptions> clinic)
    {
        /// <summary>The client's records, or null when there is no such client.</summary>
        public async Task<Records?> ForClientAsync(Guid clientId, CancellationToken cancellationToken)
        {
            var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId)
                .Select(c => new
                {
                    c.Id, c.FirstName, c.LastName, c.Email, c.Phone, c.DateOfBirth, c.CreatedAt, c.OptedOutOfReminders, c.Notes, c.UserId,
                    Preferred = db.Providers.Where(p => p.Id == c.PreferredProviderId).Select(p => p.DisplayName).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (client is null)
            {
                return null;
            }

            var profile = new Profile(client.Id, client.FirstName, client.LastName, client.Email, client.Phone, client.DateOfBirth,
                client.CreatedAt, client.Preferred, client.OptedOutOfReminders, client.Notes, client.UserId is not null);
            var visits = await VisitsAsync(clientId, cancellationToken);
            var sessionDates = visits.ToDictionary(v => v.AppointmentId, v => DateOnly.FromDateTime(v.StartsAtLocal));
            var charts = await ChartsAsync(clientId, visits, cancellationToken);
            var chartDates = charts.ToDictionary(c => c.Id, c => c.SessionDate);
            return new Records(
                profile,
                clinic.Value.Name,
                zone.Id,
                clock.GetUtcNow(),
                visits,
                charts,
                await AftercareAsync(clientId, cancellationToken),
                await ConsentsAsync(clientId, cancellationToken),
                await ScreeningsAsync(clientId, cancellationToken),
                await ProgressAsync(clientId, chartDates, cancellationToken),
                await PhotosAsync(clientId, sessionDates, cancellationToken),
                await PlansAsync(clientId, cancellationToken),
                await ClearancesAsync(clientId, cancellationToken));
        }

        private async Task<IReadOnlyList<Plan>> PlansAsync(Guid clientId, CancellationToken cancellationToken)
        {
            var plans = await db.TreatmentPlans.AsNoTracking().Where(p => p.ClientId == clientId).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);
            var ids = plans.Select(p => p.Id).ToList();
            var sessions = (await db.PlanSessions.AsNoTracking().Where(s => ids.Contains(s.PlanId)).Select(s => new { s.PlanId, s.TreatmentRecordId }).ToListAsync(cancellationToken))
                .ToLookup(s => s.PlanId, s => s.TreatmentRecordId);
            var serviceIds = plans.Select(p => p.ServiceId).Distinct().ToList();
            var services = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
            var areaIds = plans.SelectMany(p => p.AreaIds).Distinct().ToList();
            var areas = await db.BodyAreas.AsNoTracking().Where(a => areaIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
            return plans.Select(p => new Plan(
                    p.Id, services.GetValueOrDefault(p.ServiceId, string.Empty), p.Indication.ToString(), p.AreaIds.Select(a => areas.GetValueOrDefault(a, string.Empty)).ToList(),
                    p.PlannedSessions, p.IntervalDays, p.MaintenanceMonths, p.StartsOn, p.CreatedAt.ToUniversalTime(), p.EndedOn, p.EndReason, sessions[p.Id].ToList()))
                .ToList();
        }

        private async Task<IReadOnlyList<Clearance>> ClearancesAsync(Guid clientId, CancellationToken cancellationToken)
        {
            var exams = await db.MedicalClearances.AsNoTracking().Where(c => c.ClientId == clientId).OrderBy(c => c.RecordedAt).ToListAsync(cancellationToken);
            var serviceIds = exams.SelectMany(e => e.ServiceIds).Distinct().ToList();
            var services = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
            return exams.Select(e => new Clearance(
                    e.Id, e.Decision.ToString(), e.ExaminerName, e.ExaminerCredential.ToString(), e.ExaminerLicenceState, e.ExaminedOn, e.Mode.ToString(),
                    e.ServiceIds.Select(s => services.GetValueOrDefault(s, string.Empty)).ToList(), e.Indications, e.Contraindications, e.ExpiresOn,
                    e.DeclineReason, e.RecordedByName, e.RecordedAt.ToUniversalTime(), e.VoidedAt?.ToUniversalTime()))
                .ToList();
        }

        private async Task<IReadOnlyList<Visit>> VisitsAsync(Guid clientId, CancellationToken cancellationToken)
        {
            var rows = await db.Appointments.AsNoTracking()
                .Where(a => a.ClientId == clientId)
                .OrderBy(a => a.StartsAt)
                .Select(a => new
                {
                    a.Id, Service = a.Service!.Name, Provider = a.Provider!.DisplayName, Areas = a.BodyAreas.OrderBy(b => b.SortOrder).Select(b => b.Name).ToList(),
                    a.StartsAt, a.EndsAt, a.Status, a.CancellationReason, a.Source, a.CreatedAt,
                })
                .ToListAsync(cancellationToken);
            var ids = rows.Select(r => r.Id).ToList();
            var history = (await db.AppointmentEvents.AsNoTracking()
                    .Where(e => ids.Contains(e.AppointmentId))
                    .OrderBy(e => e.At).ThenBy(e => e.Id)
                    .Select(e => new { e.AppointmentId, e.At, e.What, e.ByName })
                    .ToListAsync(cancellationToken))
                .ToLookup(e => e.AppointmentId);
            return rows.Select(a => new Visit(
                    a.Id, a.Service, a.Provider, a.Areas, zone.ToLocal(a.StartsAt), zone.ToLocal(a.EndsAt), a.StartsAt.ToUniversalTime(),
                    a.EndsAt.ToUniversalTime(), StatusLabels.For(a.Status), a.CancellationReason?.ToString(), a.Source.ToString(),
                    a.CreatedAt.ToUniversalTime(),
                    history[a.Id].Select(e => new HistoryLine(e.At.ToUniversalTime(), zone.ToLocal(e.At), e.What, e.ByName)).ToList()))
                .ToList();
        }

        private async Task<IReadOnlyList<Chart>> ChartsAsync(Guid clientId, IReadOnlyList<Visit> visits, CancellationToken cancellationToken)
        {
            var records = await db.TreatmentRecords.AsNoTracking()
                .Include(r => r.Addenda)
                .Where(r => r.ClientId == clientId && r.Status == ChartStatus.Signed)
                .ToListAsync(cancellationToken);
            var deviceIds = records.Where(r => r.DeviceId is not null).Select(r => r.DeviceId!.Value).Distinct().ToList();
            var devices = await db.Devices.AsNoTracking().Where(d => deviceIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => $"{d.Name} ({d.Model})", cancellationToken);
            var byVisit = visits.ToDictionary(v => v.AppointmentId);
            return records
                .Where(r => byVisit.ContainsKey(r.AppointmentId))
                .OrderBy(r => byVisit[r.AppointmentId].StartsAtUtc)
                .Select(r =>
                {
                    var visit = byVisit[r.AppointmentId];
                    int? minutes = r.NumbingAppliedAt is { } on && r.NumbingRemovedAt is { } off ? (int)(off - on).TotalMinutes : null;
                    return new Chart(
                        r.Id, r.AppointmentId, r.IsConsultation ? "consultation" : "treatment", DateOnly.FromDateTime(visit.StartsAtLocal), visit.Service,
                        visit.Provider, r.SkinType?.ToString(), r.SkinNotes, r.Indications, r.NumbingAgent, Local(r.NumbingAppliedAt), Local(r.NumbingRemovedAt),
                        minutes, r.NumbingOccluded, r.DeviceId is { } d && devices.TryGetValue(d, out var device) ? device : null, r.CartridgeNeedles,
                        r.CartridgeLot, r.CartridgeExpiry,
                        r.Areas.Select(a => new ChartArea(a.AreaName, a.DepthMm, a.Passes, a.ProductName, a.ProductLot, a.Endpoint?.ToString(), a.Reaction, a.WarningReason, a.RulesAtSigning)).ToList(),
                        r.Findings, r.RecommendedPlan, r.Notes, r.NoPhotosReason, r.SignedByName ?? string.Empty, r.SignedAt!.Value.ToUniversalTime(),
                        zone.ToLocal(r.SignedAt.Value), r.CoSignedByName, r.CoSignedAt?.ToUniversalTime(),
                        r.Addenda.OrderBy(a => a.At).Select(a => new Addendum(a.Text, a.ByName, a.At.ToUniversalTime(), zone.ToLocal(a.At))).ToList());
                })
                .ToList();
        }

        private async Task<IReadOnlyList<Aftercare>> AftercareAsync(Guid clientId, CancellationToken cancellationToken) =>
            (await db.AftercarePlans.AsNoTracking().Where(p => p.ClientId == clientId).OrderBy(p => p.IssuedAt).ToListAsync(cancellationToken))
            .Select(p => new Aftercare(p.Id, p.TreatmentRecordId, p.AppointmentId, p.IssuedAt.ToUniversalTime(), zone.ToLocal(p.IssuedAt),
                p.Items.Select(i => new AftercareLine(i.Kind.ToString(), i.Text, Local(i.Until), i.Until?.ToUniversalTime())).ToList()))
            .ToList();

        private async Task<IReadOnlyList<Consent>> ConsentsAsync(Guid clientId, CancellationToken cancellationToken)
        {
            var rows = await (
                    from s in db.ConsentSignatures.AsNoTracking()
                    where s.ClientId == clientId
                    join f in db.ConsentForms on s.FormVersion equals f.Version
                    orderby s.SignedAt
                    select new { s.Id, s.FormVersion, f.Title, f.Body, s.TypedName, s.PhotoConsent, s.SignedAt, s.IpAddress, s.UserAgent })
                .ToListAsync(cancellationToken);
            var ids = rows.Select(r => r.Id).ToList();
            var visits = (await db.Appointments.AsNoTracking()
                    .Where(a => a.ClientId == clientId && a.ConsentSignatureId != null && ids.Contains(a.ConsentSignatureId.Value))
                    .OrderBy(a => a.StartsAt)
                    .Select(a => new { a.Id, Signature = a.ConsentSignatureId!.Value })
                    .ToListAsync(cancellationToken))
                .ToLookup(a => a.Signature, a => a.Id);
            return rows.Select(r => new Consent(r.Id, r.FormVersion, r.Title, r.Body, r.TypedName, r.PhotoConsent, r.SignedAt.ToUniversalTime(),
                    zone.ToLocal(r.SignedAt), r.IpAddress, r.UserAgent, visits[r.Id].ToList()))
                .ToList();
        }

        private async Task<IReadOnlyList<ScreeningRecord>> ScreeningsAsync(Guid clientId, CancellationToken cancellationToken)
        {
            var screenings = await db.Screenings.AsNoTracking().Where(s => s.ClientId == clientId).OrderBy(s => s.AnsweredAt).ToListAsync(cancellationToken);
            var versions = screenings.Select(s => s.QuestionnaireVersion).Distinct().ToList();
            var questionnaires = await db.ScreeningQuestionnaires.AsNoTracking().Where(q => versions.Contains(q.Version)).ToDictionaryAsync(q => q.Version, cancellationToken);
            var ids = screenings.Select(s => s.Id).ToList();
            var visits = (await db.Appointments.AsNoTracking()
                    .Where(a => a.ClientId == clientId && a.ScreeningId != null && ids.Contains(a.ScreeningId.Value))
                    .OrderBy(a => a.StartsAt)
                    .Select(a => new { a.Id, Screening = a.ScreeningId!.Value })
                    .ToListAsync(cancellationToken))
                .ToLookup(a => a.Screening, a => a.Id);
            return screenings.Select(s =>
                {
                    var shown = questionnaires[s.QuestionnaireVersion];
                    return new ScreeningRecord(s.Id, s.QuestionnaireVersion, s.AnsweredAt.ToUniversalTime(), zone.ToLocal(s.AnsweredAt), s.Outcome.ToString(),
                        s.ConfirmedUnchangedFromId is not null, visits[s.Id].ToList(),
                        s.Answers.Select(a => new Answer(a.Code, shown.Question(a.Code)?.Text ?? a.Code, a.Yes ? "yes" : "no")).ToList());
                })
                .ToList();
        }

        private async Task<IReadOnlyList<Progress>> ProgressAsync(Guid clientId, IReadOnlyDictionary<Guid, DateOnly> chartDates, CancellationToken cancellationToken) =>
            (await db.ProgressScores.AsNoTracking().Where(p => p.ClientId == clientId).ToListAsync(cancellationToken))
            .Where(p => chartDates.ContainsKey(p.TreatmentRecordId))
            .OrderBy(p => chartDates[p.TreatmentRecordId]).ThenBy(p => p.AreaName, StringComparer.Ordinal)
            .Select(p => new Progress(p.TreatmentRecordId, chartDates[p.TreatmentRecordId], p.AreaName, p.Scale.ToString(), p.ProviderScore, p.ClientRating, p.UpdatedAt.ToUniversalTime()))
            .ToList();

        private async Task<IReadOnlyList<PhotoFile>> PhotosAsync(Guid clientId, IReadOnlyDictionary<Guid, DateOnly> sessionDates, CancellationToken cancellationToken)
        {
            var rows = await (
                    from p in db.Photos.AsNoTracking()
                    join r in db.TreatmentRecords on p.TreatmentRecordId equals r.Id
                    where p.ClientId == clientId && r.ClientId == clientId
                    orderby p.TakenAt, p.Id
                    select new { p.Id, p.TreatmentRecordId, r.AppointmentId, p.AreaName, p.Kind, p.ContentType, p.Width, p.Height, p.SizeBytes, p.TakenAt })
                .ToListAsync(cancellationToken);
            return rows.Select(p =>
                {
                    var day = sessionDates.TryGetValue(p.AppointmentId, out var d) ? d : DateOnly.FromDateTime(zone.ToLocal(p.TakenAt));
                    var extension = p.ContentType == "image/png" ? "png" : "jpg";
                    var file = $"photos/{day:yyyy-MM-dd}-{Slug(p.AreaName)}-{p.Kind.ToString().ToLowerInvariant()}-{p.Id:N}.{extension}";
                    return new PhotoFile(p.Id, file, p.TreatmentRecordId, day, p.AreaName, p.Kind.ToString(), p.ContentType, p.Width, p.Height, p.SizeBytes,
                        p.TakenAt.ToUniversalTime(), zone.ToLocal(p.TakenAt));
                })
                .ToList();
        }

        private DateTime? Local(DateTimeOffset? at) => at is { } value ? zone.ToLocal(value) : null;

        /// <summary>An area's name as part of a file name: lower-case letters and digits, hyphens between words.</summary>
        private static string Slug(string name)
        {
            var slug = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
            while (slug.Contains("--", StringComparison.Ordinal))
            {
                slug = slug.Replace("--", "-", StringComparison.Ordinal);
            }

            slug = slug.Trim('-');
            return slug.Length == 0 ? "area" : slug[..Math.Min(slug.Length, 40)];
        }
    }
}
