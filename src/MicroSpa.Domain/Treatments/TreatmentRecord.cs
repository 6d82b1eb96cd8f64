using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Domain.Treatments;

public enum ChartStatus
{
    Draft = 1,
    Signed = 2,
}

public enum ClinicalEndpoint
{
    Erythema = 1,
    PinpointBleeding = 2,
    Both = 3,
}

/// <summary>One body area of a session: what was done there.</summary>
public sealed class ChartedArea
{
    private ChartedArea()
    {
        AreaName = string.Empty;
    }

    internal ChartedArea(Guid bodyAreaId, string areaName)
    {
        BodyAreaId = bodyAreaId;
        AreaName = areaName;
    }

    public Guid BodyAreaId { get; private set; }

    /// <summary>The area's name when charted (kept if the area is renamed later).</summary>
    public string AreaName { get; private set; }

    public decimal? DepthMm { get; private set; }
    public int? Passes { get; private set; }
    public Guid? ProductId { get; private set; }
    public string? ProductName { get; private set; }
    public string? ProductLot { get; private set; }
    public ClinicalEndpoint? Endpoint { get; private set; }
    public string? Reaction { get; private set; }

    /// <summary>The provider's written reason for a depth the rules warn about.</summary>
    public string? WarningReason { get; private set; }

    /// <summary>The band and warnings in force when the chart was signed (signed charts keep them).</summary>
    public string? RulesAtSigning { get; private set; }

    internal void Record(AreaEntry entry, string? productName)
    {
        DepthMm = entry.DepthMm;
        Passes = entry.Passes;
        ProductId = entry.ProductId;
        ProductName = productName;
        ProductLot = Clean(entry.ProductLot, FieldLengths.ShortName);
        Endpoint = entry.Endpoint;
        Reaction = Clean(entry.Reaction, FieldLengths.Description);
        WarningReason = Clean(entry.WarningReason, FieldLengths.Description);
    }

    internal void Freeze(string rules) => RulesAtSigning = rules;

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

/// <summary>What the provider typed for one area (a draft may be incomplete).</summary>
public sealed record AreaEntry(
    Guid BodyAreaId, decimal? DepthMm, int? Passes, Guid? ProductId, string? ProductLot, ClinicalEndpoint? Endpoint, string? Reaction, string? WarningReason);

/// <summary>What the provider typed for the whole chart; saved as it is in a draft.</summary>
public sealed record ChartEntry(
    FitzpatrickType? SkinType,
    string? SkinNotes,
    IReadOnlyList<string> Indications,
    string? NumbingAgent,
    DateTimeOffset? NumbingAppliedAt,
    DateTimeOffset? NumbingRemovedAt,
    bool NumbingOccluded,
    Guid? DeviceId,
    int? CartridgeNeedles,
    string? CartridgeLot,
    DateOnly? CartridgeExpiry,
    string? Notes,
    IReadOnlyList<AreaEntry> Areas,
    bool ScreeningAcknowledged = false,
    string? NoPhotosReason = null);

/// <summary>What the provider typed in a consultation record: an assessment and a recommendation, no needling.</summary>
public sealed record ConsultationEntry(
    FitzpatrickType? SkinType,
    string? SkinNotes,
    IReadOnlyList<string> Indications,
    string? Findings,
    string? RecommendedPlan,
    string? Notes,
    Recommendation? Recommended = null);

/// <summary>The series a consultation recommends, in the terms a treatment plan starts from (empty sessions or interval: the published defaults).</summary>
public sealed record Recommendation(Guid? ServiceId, Plans.Indication? Indication, IReadOnlyList<Guid> AreaIds, int? Sessions, int? IntervalDays);

/// <summary>A dated correction or note added by a clinician under a signed chart.</summary>
public sealed class ChartAddendum
{
    private ChartAddendum()
    {
        Text = ByName = string.Empty;
    }

    internal ChartAddendum(Guid recordId, string text, Guid byUserId, string byName, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        TreatmentRecordId = recordId;
        Text = text;
        ByUserId = byUserId;
        ByName = byName;
        At = at.ToUniversalTime();
    }

    public Guid Id { get; private set; }
    public Guid TreatmentRecordId { get; private set; }
    public string Text { get; private set; }
    public Guid ByUserId { get; private set; }
    public string ByName { get; private set; }
    public DateTimeOffset At { get; private set; }
}

/// <summary>One problem in a chart: a refusal (cannot sign), or a warning that needs a written reason.</summary>
public sealed record ChartFinding(string Field, string Message, bool Blocks);

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

    private TreatmentRecord()
    {
        Indications = [];
        RecommendedAreaIds = [];
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
    public List<string> Indications { get; private set; }
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
    public List<Guid> RecommendedAreaIds { get; private set; }

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
        Indications = entry.Indications.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).Distinct().Take(10).ToList();
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
    /// </summary>
    public IReadOnlyList<ChartFinding> Check(
        IReadOnlyDictionary<Guid, BodyArea> areas, Device? device, IReadOnlyDictionary<Guid, Product> products, DateOnly sessionDate,
        bool screeningNeedsReview = false, Intake.TreatmentGate? gate = null, BeforePhotos? beforePhotos = null)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(products);
        if (IsConsultation)
        {
            return CheckConsultation();
        }

        var findings = new List<ChartFinding>();
        if (gate is not null)
        {
            findings.AddRange(gate.Missing.Select(m => new ChartFinding(GateField, m.Message, true)));
        }

        if (screeningNeedsReview && !ScreeningAcknowledged)
        {
            findings.Add(new(nameof(ScreeningAcknowledged), "The screening needs provider review: read the flagged answers and confirm.", true));
        }

        if (SkinType is null)
        {
            findings.Add(new(nameof(SkinType), "Choose the Fitzpatrick type.", true));
        }

        if (NumbingAgent is null || NumbingAppliedAt is null || NumbingRemovedAt is null)
        {
            findings.Add(new(nameof(NumbingAgent), "Record the numbing agent and when it was applied and removed.", true));
        }
        else if (NumbingRemovedAt <= NumbingAppliedAt)
        {
            findings.Add(new(nameof(NumbingRemovedAt), "The numbing was removed before it was applied.", true));
        }
        else if (NumbingRemovedAt - NumbingAppliedAt < TimeSpan.FromMinutes(MinimumNumbingMinutes))
        {
            findings.Add(new(nameof(NumbingRemovedAt), $"Numbing was on for less than {MinimumNumbingMinutes} minutes.", false));
        }

        if (device is null)
        {
            findings.Add(new(nameof(DeviceId), "Choose the device.", true));
        }

        if (CartridgeNeedles is null or < 1 or > 100)
        {
            findings.Add(new(nameof(CartridgeNeedles), "Enter the cartridge's needle count (1 to 100).", true));
        }

        if (CartridgeLot is null)
        {
            findings.Add(new(nameof(CartridgeLot), "Enter the cartridge lot number.", true));
        }

        if (CartridgeExpiry is not { } expiry)
        {
            findings.Add(new(nameof(CartridgeExpiry), "Enter the cartridge expiry date.", true));
        }
        else if (expiry < sessionDate)
        {
            findings.Add(new(nameof(CartridgeExpiry), $"This cartridge expired on {expiry:d MMM yyyy}: use another one.", true));
        }

        if (_areas.Count == 0)
        {
            findings.Add(new(nameof(Areas), "Chart at least one area.", true));
        }

        for (var i = 0; i < _areas.Count; i++)
        {
            var row = _areas[i];
            var prefix = $"Areas[{i}].";
            if (!areas.TryGetValue(row.BodyAreaId, out var area))
            {
                findings.Add(new(prefix + nameof(ChartedArea.DepthMm), $"{row.AreaName} is no longer in the clinic's areas.", true));
                continue;
            }

            if (row.DepthMm is not { } depth)
            {
                findings.Add(new(prefix + nameof(ChartedArea.DepthMm), $"Enter the depth for {row.AreaName}.", true));
            }
            else if (device is not null)
            {
                var verdict = DepthRules.Check(area, device, depth, SkinType);
                if (verdict.Refusal is { } refusal)
                {
                    findings.Add(new(prefix + nameof(ChartedArea.DepthMm), refusal, true));
                }

                foreach (var warning in verdict.Warnings)
                {
                    findings.Add(new(prefix + nameof(ChartedArea.WarningReason), warning + " Give your reason to go on.", row.WarningReason is null));
                }
            }

            if (row.Passes is null or < 1 or > 30)
            {
                findings.Add(new(prefix + nameof(ChartedArea.Passes), $"Enter the passes for {row.AreaName} (1 to 30).", true));
            }

            if (row.Endpoint is null)
            {
                findings.Add(new(prefix + nameof(ChartedArea.Endpoint), $"Choose the endpoint reached on {row.AreaName}.", true));
            }

            if (row.ProductId is { } productId)
            {
                if (!products.TryGetValue(productId, out var product))
                {
                    findings.Add(new(prefix + nameof(ChartedArea.ProductId), "Choose a product from the catalog.", true));
                }
                else if (product.NotForNeedledSkin)
                {
                    findings.Add(new(prefix + nameof(ChartedArea.ProductId), $"{product.Name} is not for needled skin (granuloma risk): choose another product.", true));
                }
                else if (row.ProductLot is null)
                {
                    findings.Add(new(prefix + nameof(ChartedArea.ProductLot), $"Enter the lot of {product.Name}.", true));
                }
            }

            if (beforePhotos?.Shortfall(row) is { } shortfall)
            {
                findings.Add(new(prefix + BeforePhotosField, shortfall, true));
            }
        }

        if (beforePhotos is { NeedsReasonForNone: true } && NoPhotosReason is null)
        {
            findings.Add(new(nameof(NoPhotosReason),
                $"The client did not agree to photos: write why there are no before photos (the clinic asks for {beforePhotos.RequiredPerArea} per area).", true));
        }

        return findings;
    }

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
        Indications = entry.Indications.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).Distinct().Take(10).ToList();
        Findings = Clean(entry.Findings, FieldLengths.Note);
        RecommendedPlan = Clean(entry.RecommendedPlan, FieldLengths.Note);
        RecommendedServiceId = entry.Recommended?.ServiceId;
        RecommendedIndication = entry.Recommended?.Indication;
        RecommendedAreaIds = entry.Recommended?.AreaIds.Distinct().Take(30).ToList() ?? [];
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

/// <summary>The dated aftercare plan a client receives when their chart is signed.</summary>
public sealed class AftercarePlan
{
    private AftercarePlan()
    {
        Items = [];
    }

    public AftercarePlan(TreatmentRecord record, IReadOnlyList<AftercarePlanItem> items, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new DomainException("An aftercare plan has at least one line.");
        }

        Id = Guid.CreateVersion7();
        TreatmentRecordId = record.Id;
        AppointmentId = record.AppointmentId;
        ClientId = record.ClientId;
        IssuedAt = now.ToUniversalTime();
        Items = [.. items];
    }

    public Guid Id { get; private set; }
    public Guid TreatmentRecordId { get; private set; }
    public Guid AppointmentId { get; private set; }
    public Guid ClientId { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }
    public List<AftercarePlanItem> Items { get; private set; }
}
