using MicroSpa.Domain.Plans;

namespace MicroSpa.Domain.Treatments;

/// <summary>
/// The clinic's before-photos rule as it applies to one chart (DOMAIN.md: "before photos (several per area)"):
/// how many before photos every charted area needs, whether the client agreed to photos for this visit, and
/// how many before photos each area of this chart has. With photo consent, a short area blocks signing;
/// without it, the provider writes why there are no photos (<see cref="TreatmentRecord.NoPhotosReason"/>).
/// </summary>
public sealed class BeforePhotos
{
    /// <summary>The most a clinic may ask for per area (Aesthetic Record asks for three).</summary>
    public const int MaxPerArea = 10;

    private readonly IReadOnlyDictionary<Guid, int> _counts;

    private BeforePhotos(Guid recordId, int requiredPerArea, bool photoConsent, IReadOnlyDictionary<Guid, int> counts)
    {
        RecordId = recordId;
        RequiredPerArea = requiredPerArea;
        PhotoConsent = photoConsent;
        _counts = counts;
    }

    /// <summary>The chart these counts are of.</summary>
    public Guid RecordId { get; }

    /// <summary>The clinic's setting in force (0: no before photos are required).</summary>
    public int RequiredPerArea { get; }

    /// <summary>The client agreed to photos in the consent signed for this visit.</summary>
    public bool PhotoConsent { get; }

    /// <summary>Refuses a setting outside 0 to <see cref="MaxPerArea"/> (the booking policy and this check share it).</summary>
    public static void EnsureSetting(int perArea)
    {
        if (perArea is < 0 or > MaxPerArea)
        {
            throw new DomainException($"Ask for 0 to {MaxPerArea} before photos per area.", nameof(Scheduling.BookingPolicy.BeforePhotosPerArea));
        }
    }

    /// <param name="requiredPerArea">The clinic's setting.</param>
    /// <param name="photoConsent">Whether the consent signed for this visit includes photos.</param>
    /// <param name="record">The chart.</param>
    /// <param name="photos">Photos of the client: only this chart's before photos count.</param>
    public static BeforePhotos For(int requiredPerArea, bool photoConsent, TreatmentRecord record, IEnumerable<Photo> photos)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(photos);
        EnsureSetting(requiredPerArea);
        var counts = photos.Where(p => p.TreatmentRecordId == record.Id && p.ClientId == record.ClientId && p.Kind == PhotoKind.Before)
            .GroupBy(p => p.BodyAreaId)
            .ToDictionary(g => g.Key, g => g.Count());
        return new BeforePhotos(record.Id, requiredPerArea, photoConsent, counts);
    }

    /// <summary>How many before photos an area of the chart has.</summary>
    public int Count(Guid bodyAreaId) => _counts.GetValueOrDefault(bodyAreaId);

    /// <summary>"2 of 3 before photos for Cheeks": what an area still lacks, or null when it has enough (or none are asked for).</summary>
    public string? Shortfall(ChartedArea area)
    {
        ArgumentNullException.ThrowIfNull(area);
        if (RequiredPerArea == 0 || !PhotoConsent)
        {
            return null;
        }

        var count = Count(area.BodyAreaId);
        if (count >= RequiredPerArea)
        {
            return null;
        }

        var missing = RequiredPerArea - count;
        return $"{count} of {RequiredPerArea} before photos for {area.AreaName}: upload {missing} more before signing.";
    }

    /// <summary>Photos are asked for but the client did not agree to them: the provider writes why there are none.</summary>
    public bool NeedsReasonForNone => RequiredPerArea > 0 && !PhotoConsent;
}
