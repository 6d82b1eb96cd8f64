namespace MicroSpa.Domain.Plans;

public enum PhotoKind
{
    Before = 1,
    After = 2,
}

/// <summary>
/// A clinical photo of one area at one session. The image itself lives behind a store (PostgreSQL here,
/// an object store later), already re-encoded with every bit of metadata (location included) removed.
/// </summary>
public sealed class Photo
{
    public const int MaxBytes = 10 * 1024 * 1024;

    private Photo()
    {
        AreaName = ContentType = UploadedByName = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public Guid TreatmentRecordId { get; private set; }
    public Guid BodyAreaId { get; private set; }
    public string AreaName { get; private set; }
    public PhotoKind Kind { get; private set; }
    public string ContentType { get; private set; }
    public int Width { get; private set; }
    public int Height { get; private set; }
    public int SizeBytes { get; private set; }
    public DateTimeOffset TakenAt { get; private set; }
    public Guid? UploadedByUserId { get; private set; }
    public string UploadedByName { get; private set; }

    public static Photo Record(
        Guid clientId, Guid recordId, Guid areaId, string areaName, PhotoKind kind, string contentType, int width, int height, int sizeBytes,
        Guid? userId, string userName, DateTimeOffset now)
    {
        if (contentType is not ("image/jpeg" or "image/png"))
        {
            throw new DomainException("Only JPEG or PNG photos.", "File");
        }

        if (sizeBytes is <= 0 or > MaxBytes)
        {
            throw new DomainException($"A photo is at most {MaxBytes / 1024 / 1024} MB.", "File");
        }

        return new Photo
        {
            Id = Guid.CreateVersion7(),
            ClientId = clientId,
            TreatmentRecordId = recordId,
            BodyAreaId = areaId,
            AreaName = areaName,
            Kind = kind,
            ContentType = contentType,
            Width = width,
            Height = height,
            SizeBytes = sizeBytes,
            TakenAt = now.ToUniversalTime(),
            UploadedByUserId = userId,
            UploadedByName = userName,
        };
    }
}
