namespace MicroSpa.Domain.Plans;

/// <summary>The outcome scale of an area: Goodman &amp; Baron for acne scars, a global improvement scale otherwise.</summary>
public enum ProgressScale
{
    /// <summary>Goodman &amp; Baron qualitative acne-scar grade: 1 (macular) to 4 (severe).</summary>
    GoodmanBaron = 1,

    /// <summary>Global aesthetic improvement: 1 (very much improved) to 5 (worse).</summary>
    GlobalImprovement = 2,
}

/// <summary>One area's progress at one session: the provider's score and, later, the client's own rating.</summary>
public sealed class ProgressScore
{
    private ProgressScore()
    {
        AreaName = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid TreatmentRecordId { get; private set; }
    public Guid ClientId { get; private set; }
    public Guid BodyAreaId { get; private set; }
    public string AreaName { get; private set; }
    public ProgressScale Scale { get; private set; }
    public int? ProviderScore { get; private set; }

    /// <summary>The client's own rating on the global improvement scale (1 very much improved – 5 worse).</summary>
    public int? ClientRating { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static ProgressScale ScaleFor(Indication? indication) =>
        indication == Indication.AcneScars ? ProgressScale.GoodmanBaron : ProgressScale.GlobalImprovement;

    public static int Maximum(ProgressScale scale) => scale == ProgressScale.GoodmanBaron ? 4 : 5;

    public static ProgressScore For(Guid recordId, Guid clientId, Guid areaId, string areaName, ProgressScale scale, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        TreatmentRecordId = recordId,
        ClientId = clientId,
        BodyAreaId = areaId,
        AreaName = areaName,
        Scale = scale,
        UpdatedAt = now.ToUniversalTime(),
    };

    public void ScoreByProvider(int score, DateTimeOffset now)
    {
        if (score < 1 || score > Maximum(Scale))
        {
            throw new DomainException($"Score {AreaName} from 1 to {Maximum(Scale)}.", nameof(ProviderScore));
        }

        ProviderScore = score;
        UpdatedAt = now.ToUniversalTime();
    }

    public void RateByClient(int rating, DateTimeOffset now)
    {
        if (rating is < 1 or > 5)
        {
            throw new DomainException("Choose a rating from 1 to 5.", nameof(ClientRating));
        }

        ClientRating = rating;
        UpdatedAt = now.ToUniversalTime();
    }
}
