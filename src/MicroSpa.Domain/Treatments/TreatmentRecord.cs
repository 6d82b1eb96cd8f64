using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Domain.Treatments;

public enum ChartStatus
{
    Draft = 1,
    Signed = 2,
}

/// <summary>
/// The chart of one visit. A needling session (<see cref="ServiceKind.Treatment"/>) records device, cartridge,
/// numbing and every area; a consultation record holds only the assessment and the recommended plan.
/// A draft saves whatever was typed (nothing is lost); signing checks
/// everything (depth rules, products, cartridge) and then the chart never changes: corrections are addenda.
/// </summary>
public sealed class TreatmentRecord
{
    public const int MinimumNumbingMinutes = 20;

    /// <summary>The field of findings about the visit's gate (screening, consent, clearance), shown at the top of the chart.</summary>
    public const string GateField = "Gate";

    /// <summary>The field (after an area's "Areas[i]." prefix) of a finding about that area's before photos.</summary>
    public const string BeforePhotosField = "BeforePhotos";

    private readonly List<ChartedArea> _areas = [];
    private readonly List<ChartAddendum> _addenda = [];
    private List<string> _indications = [];
    private List<Guid> _recommendedAreaIds = [];

    private TreatmentRecord()
    {
    }

    public Guid Id { get; private set; }
    public Guid AppointmentId { get; private set; }
    public Guid ClientId { get; private set; }
    public Guid ProviderId { get; private set; }

    /// <summary>A needling chart or a consultation record, from the kind of the service booked.</summary>
    public ServiceKind Kind { get; private set; } = ServiceKind.Treatment;

    public ChartStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public FitzpatrickType? SkinType { get; private set; }
    public string? SkinNotes { get; private set; }
    public IReadOnlyList<string> Indications => _indications.AsReadOnly();
    public string? NumbingAgent { get; private set; }
    public DateTimeOffset? NumbingAppliedAt { get; private set; }
    public DateTimeOffset? NumbingRemovedAt { get; private set; }
    public bool NumbingOccluded { get; private set; }
    public Guid? DeviceId { get; private set; }
    public int? CartridgeNeedles { get; private set; }
    public string? CartridgeLot { get; private set; }
    public DateOnly? CartridgeExpiry { get; private set; }
    public string? Notes { get; private set; }

    /// <summary>Consultation: what the provider found on examination.</summary>
    public string? Findings { get; private set; }

    /// <summary>Consultation: the treatment the provider recommends (or that none is), with sessions and interval.</summary>
    public string? RecommendedPlan { get; private set; }

    /// <summary>Consultation: the needling service the recommended series is booked as.</summary>
    public Guid? RecommendedServiceId { get; private set; }

    /// <summary>Consultation: what the recommended series treats.</summary>
    public Plans.Indication? RecommendedIndication { get; private set; }

    /// <summary>Consultation: the areas the recommended series treats.</summary>
    public IReadOnlyList<Guid> RecommendedAreaIds => _recommendedAreaIds.AsReadOnly();

    /// <summary>Consultation: sessions in the recommended series (null: the published default for the indication).</summary>
    public int? RecommendedSessions { get; private set; }

    /// <summary>Consultation: days between the recommended sessions (null: the published default).</summary>
    public int? RecommendedIntervalDays { get; private set; }

    /// <summary>Consultation: the recommendation names a treatment, an indication and areas, so it can start a treatment plan.</summary>
    public bool RecommendsASeries => RecommendedServiceId is not null && RecommendedIndication is not null && RecommendedAreaIds.Count > 0;

    /// <summary>Why there are no before photos, when the client did not agree to photos and the clinic asks for them.</summary>
    public string? NoPhotosReason { get; private set; }

    /// <summary>The before photos per area the clinic asked for when the chart was signed (signed charts keep it).</summary>
    public int? BeforePhotosRequired { get; private set; }

    /// <summary>The provider read the screening's needs-review flags before treating.</summary>
    public bool ScreeningAcknowledged { get; private set; }

    public DateTimeOffset? SignedAt { get; private set; }
    public Guid? SignedByUserId { get; private set; }
    public string? SignedByName { get; private set; }

    /// <summary>Signed by an esthetician or nurse while the clinic requires the medical director's co-signature.</summary>
    public bool AwaitingCoSignature { get; private set; }

    public DateTimeOffset? CoSignedAt { get; private set; }
    public Guid? CoSignedByUserId { get; private set; }
    public string? CoSignedByName { get; private set; }

    /// <summary>
    /// The id of the last form submission saved: the same submission arriving again (a retry after the
    /// network dropped) is recognised and not treated as a conflicting edit.
    /// </summary>
    public Guid? LastSaveId { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): two tabs saving one draft never overwrite silently.</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<ChartedArea> Areas => _areas.AsReadOnly();
    public IReadOnlyList<ChartAddendum> Addenda => _addenda.AsReadOnly();

    public bool IsSigned => Status == ChartStatus.Signed;

    public bool IsConsultation => Kind == ServiceKind.Consultation;

    /// <summary>Opens the chart of a checked-in (or in-treatment) appointment, one row per booked area.</summary>
    public static TreatmentRecord Open(Appointment appointment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        if (appointment.Status is not (AppointmentStatus.CheckedIn or AppointmentStatus.InTreatment or AppointmentStatus.Completed))
        {
            throw new DomainException("A chart opens once the client is checked in.");
        }

        var kind = appointment.Service?.Kind
            ?? throw new ArgumentException("Load the appointment's service: it decides between a needling chart and a consultation record.", nameof(appointment));
        var record = new TreatmentRecord
        {
            Id = Guid.CreateVersion7(),
            AppointmentId = appointment.Id,
            ClientId = appointment.ClientId,
            ProviderId = appointment.ProviderId,
            Kind = kind,
            Status = ChartStatus.Draft,
            CreatedAt = now.ToUniversalTime(),
            UpdatedAt = now.ToUniversalTime(),
            DeviceId = kind == ServiceKind.Treatment ? appointment.DeviceId : null,
        };
        if (kind == ServiceKind.Consultation)
        {
            return record;
        }

        record._areas.AddRange(appointment.BodyAreas.OrderBy(a => a.SortOrder).Select(a => new ChartedArea(a.Id, a.Name)));
        return record;
    }

    /// <summary>Saves what was typed, as it is. Areas not yet on the chart are added (the provider may treat more).</summary>
    public void SaveDraft(
        ChartEntry entry, IReadOnlyDictionary<Guid, BodyArea> areas, IReadOnlyDictionary<Guid, Product> products, DateTimeOffset now, Guid? saveId = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(products);
        RequireDraft();
        RequireNeedling();

        // Checked before anything changes: a row that could never be signed is not added (it would block the chart).
        foreach (var added in entry.Areas.Where(e => _areas.All(a => a.BodyAreaId != e.BodyAreaId)))
        {
            if (!areas.TryGetValue(added.BodyAreaId, out var area))
            {
                throw new DomainException("Choose body areas from the list.", nameof(Areas));
            }

            if (!area.CanBeCharted)
            {
                throw new DomainException(area.NeverTreat
                    ? $"{area.Name} is never treated."
                    : $"{area.Name} has no depth band yet: the medical director sets one before it can be charted.", nameof(Areas));
            }
        }

        SkinType = entry.SkinType;
        SkinNotes = Clean(entry.SkinNotes, FieldLengths.Note);
        _indications = entry.Indications.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).Distinct().Take(10).ToList();
        NumbingAgent = Clean(entry.NumbingAgent, FieldLengths.ShortName);
        NumbingAppliedAt = entry.NumbingAppliedAt?.ToUniversalTime();
        NumbingRemovedAt = entry.NumbingRemovedAt?.ToUniversalTime();
        NumbingOccluded = entry.NumbingOccluded;
        DeviceId = entry.DeviceId;
        CartridgeNeedles = entry.CartridgeNeedles;
        CartridgeLot = Clean(entry.CartridgeLot, FieldLengths.ShortName);
        CartridgeExpiry = entry.CartridgeExpiry;
        Notes = Clean(entry.Notes, FieldLengths.Note);
        ScreeningAcknowledged = entry.ScreeningAcknowledged;
        NoPhotosReason = Clean(entry.NoPhotosReason, FieldLengths.Description);
        LastSaveId = saveId;
        foreach (var areaEntry in entry.Areas)
        {
            var row = _areas.FirstOrDefault(a => a.BodyAreaId == areaEntry.BodyAreaId);
            if (row is null)
            {
                var area = areas[areaEntry.BodyAreaId];
                row = new ChartedArea(area.Id, area.Name);
                _areas.Add(row);
            }

            row.Record(areaEntry, areaEntry.ProductId is { } p && products.TryGetValue(p, out var product) ? product.Name : null);
        }

        UpdatedAt = now.ToUniversalTime();
    }

    /// <summary>Takes an area off a draft (added by mistake, or not treated after all).</summary>
    public void RemoveArea(Guid bodyAreaId, DateTimeOffset now)
    {
        RequireDraft();
        var row = _areas.FirstOrDefault(a => a.BodyAreaId == bodyAreaId)
            ?? throw new DomainException("That area is not on this chart.", nameof(Areas));
        _areas.Remove(row);
        UpdatedAt = now.ToUniversalTime();
    }

    /// <summary>
    /// Everything the rules say about the chart as it stands: refusals block signing; a warning blocks
    /// until its area has a written reason. Shown live on the form, enforced by <see cref="Sign"/>.
    /// The needling chart's rules are the <see cref="ChartChecklist"/>.
    /// </summary>
    public IReadOnlyList<ChartFinding> Check(
        IReadOnlyDictionary<Guid, BodyArea> areas, Device? device, IReadOnlyDictionary<Guid, Product> products, DateOnly sessionDate,
        bool screeningNeedsReview = false, Intake.TreatmentGate? gate = null, BeforePhotos? beforePhotos = null) =>
        IsConsultation ? CheckConsultation() : ChartChecklist.Check(this, areas, device, products, sessionDate, screeningNeedsReview, gate, beforePhotos);

    /// <summary>
    /// Signs the chart: the visit's gate must be open (screening, consent, clearance), every area must have the
    /// before photos the clinic asks for (or the chart says why there are none), and nothing may block;
    /// from now on it never changes.
    /// </summary>
    public void Sign(
        Intake.TreatmentGate gate, BeforePhotos beforePhotos, IReadOnlyDictionary<Guid, BodyArea> areas, Device? device, IReadOnlyDictionary<Guid, Product> products,
        DateOnly sessionDate, Guid userId, string userName, DateTimeOffset now, bool screeningNeedsReview = false, bool needsCoSignature = false)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(beforePhotos);
        RequireDraft();
        RequireNeedling();
        gate.Require(AppointmentId);
        if (beforePhotos.RecordId != Id)
        {
            throw new DomainException("These photo counts are for another chart.");
        }

        if (Check(areas, device, products, sessionDate, screeningNeedsReview, gate, beforePhotos).FirstOrDefault(f => f.Blocks) is { } blocking)
        {
            throw new DomainException(blocking.Message, blocking.Field);
        }

        foreach (var row in _areas)
        {
            var area = areas[row.BodyAreaId];
            var verdict = DepthRules.Check(area, device!, row.DepthMm!.Value, SkinType);
            row.Freeze($"Band {area.Band}" + (area.HardMaximumMm is { } max ? $", hard maximum {max:0.0#} mm" : string.Empty)
                + (verdict.Warnings.Count > 0 ? "; warned: " + string.Join(" ", verdict.Warnings) : string.Empty));
        }

        BeforePhotosRequired = beforePhotos.RequiredPerArea;
        Status = ChartStatus.Signed;
        AwaitingCoSignature = needsCoSignature;
        SignedAt = now.ToUniversalTime();
        SignedByUserId = userId;
        SignedByName = userName;
        UpdatedAt = SignedAt.Value;
    }

    /// <summary>Saves a consultation record as typed (a draft keeps anything).</summary>
    public void SaveConsultation(ConsultationEntry entry, DateTimeOffset now, Guid? saveId = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        RequireDraft();
        if (!IsConsultation)
        {
            throw new DomainException("This is a needling chart: record the device, numbing and areas on it.");
        }

        SkinType = entry.SkinType;
        SkinNotes = Clean(entry.SkinNotes, FieldLengths.Note);
        _indications = entry.Indications.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).Distinct().Take(10).ToList();
        Findings = Clean(entry.Findings, FieldLengths.Note);
        RecommendedPlan = Clean(entry.RecommendedPlan, FieldLengths.Note);
        RecommendedServiceId = entry.Recommended?.ServiceId;
        RecommendedIndication = entry.Recommended?.Indication;
        _recommendedAreaIds = entry.Recommended?.AreaIds.Distinct().Take(30).ToList() ?? [];
        RecommendedSessions = entry.Recommended?.Sessions;
        RecommendedIntervalDays = entry.Recommended?.IntervalDays;
        Notes = Clean(entry.Notes, FieldLengths.Note);
        LastSaveId = saveId;
        UpdatedAt = now.ToUniversalTime();
    }

    /// <summary>What blocks signing a consultation record: no device, numbing, cartridge or depth is asked for.</summary>
    public IReadOnlyList<ChartFinding> CheckConsultation()
    {
        var findings = new List<ChartFinding>();
        if (SkinType is null)
        {
            findings.Add(new(nameof(SkinType), "Choose the Fitzpatrick type.", true));
        }

        if (SkinNotes is null)
        {
            findings.Add(new(nameof(SkinNotes), "Write the skin assessment.", true));
        }

        if (RecommendedPlan is null)
        {
            findings.Add(new(nameof(RecommendedPlan), "Write the recommended plan, or that no treatment is recommended.", true));
        }

        if (RecommendedSessions is < 1 or > Plans.TreatmentPlan.MaxSessions)
        {
            findings.Add(new(nameof(RecommendedSessions), $"A series has 1 to {Plans.TreatmentPlan.MaxSessions} sessions.", true));
        }

        if (RecommendedIntervalDays is < Plans.TreatmentPlan.MinIntervalDays or > Plans.TreatmentPlan.MaxIntervalDays)
        {
            findings.Add(new(nameof(RecommendedIntervalDays),
                $"Sessions are {Plans.TreatmentPlan.MinIntervalDays} to {Plans.TreatmentPlan.MaxIntervalDays} days apart.", true));
        }

        return findings;
    }

    /// <summary>Signs a consultation record: nothing may block; from now on it never changes. No aftercare follows.</summary>
    public void SignConsultation(Guid userId, string userName, DateTimeOffset now, bool needsCoSignature = false)
    {
        RequireDraft();
        if (!IsConsultation)
        {
            throw new DomainException("This is a needling chart: it is signed with its depth and device rules.");
        }

        if (CheckConsultation().FirstOrDefault(f => f.Blocks) is { } blocking)
        {
            throw new DomainException(blocking.Message, blocking.Field);
        }

        Status = ChartStatus.Signed;
        AwaitingCoSignature = needsCoSignature;
        SignedAt = now.ToUniversalTime();
        SignedByUserId = userId;
        SignedByName = userName;
        UpdatedAt = SignedAt.Value;
    }

    /// <summary>The medical director co-signs a chart an esthetician or nurse signed.</summary>
    public void CoSign(Guid userId, string userName, DateTimeOffset now)
    {
        if (!IsSigned || !AwaitingCoSignature)
        {
            throw new DomainException("This chart does not wait for a co-signature.");
        }

        if (userId == SignedByUserId)
        {
            throw new DomainException("A chart is co-signed by someone other than its signer.");
        }

        AwaitingCoSignature = false;
        CoSignedAt = now.ToUniversalTime();
        CoSignedByUserId = userId;
        CoSignedByName = userName;
    }

    /// <summary>A dated correction under a signed chart (the chart itself stays as signed).</summary>
    public ChartAddendum AddAddendum(string text, Guid userId, string userName, DateTimeOffset now)
    {
        if (!IsSigned)
        {
            throw new DomainException("A draft is corrected by editing it; addenda go under signed charts.");
        }

        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > FieldLengths.Note)
        {
            throw new DomainException($"Write the addendum (1 to {FieldLengths.Note} characters).", "Text");
        }

        var addendum = new ChartAddendum(Id, trimmed, userId, userName, now);
        _addenda.Add(addendum);
        return addendum;
    }

    /// <summary>The deepest depth charted, for aftercare rules.</summary>
    public decimal DeepestMm => _areas.Max(a => a.DepthMm) ?? 0m;

    private void RequireNeedling()
    {
        if (IsConsultation)
        {
            throw new DomainException("This is a consultation record: it holds no device, depth or numbing.");
        }
    }

    private void RequireDraft()
    {
        if (IsSigned)
        {
            throw new DomainException("This chart is signed and can no longer change. Add an addendum instead.");
        }
    }

    private static string? Clean(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        return trimmed.Length > max ? throw new DomainException($"That text is longer than {max} characters.") : trimmed;
    }
}
