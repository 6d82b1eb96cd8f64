namespace MicroSpa.Domain.Treatments;

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
