using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace MicroSpa.Web.Features.Plans;

/// <summary>Where photo bytes live. PostgreSQL here; an object store can replace it behind this seam.</summary>
public interface IPhotoStore
{
    void Add(Guid photoId, byte[] bytes);

    Task<byte[]?> ReadAsync(Guid photoId, CancellationToken cancellationToken);
}

/// <summary>Photo bytes in PostgreSQL, saved in the same transaction as the photo's record.</summary>
public sealed class PostgresPhotoStore(MicroSpaDbContext db) : IPhotoStore
{
    public void Add(Guid photoId, byte[] bytes) => db.PhotoContents.Add(new PhotoContent { PhotoId = photoId, Bytes = bytes });

    public async Task<byte[]?> ReadAsync(Guid photoId, CancellationToken cancellationToken) =>
        await db.PhotoContents.AsNoTracking().Where(c => c.PhotoId == photoId).Select(c => c.Bytes).SingleOrDefaultAsync(cancellationToken);
}

/// <summary>
/// Accepts JPEG and PNG by their content (never the file name), turns them upright, and re-encodes them
/// from the pixels alone: every bit of metadata (camera, date, location) is left behind.
/// </summary>
public static class PhotoImages
{
    public sealed record Clean(byte[] Bytes, string ContentType, int Width, int Height);

    public static string? Sniff(ReadOnlySpan<byte> head) =>
        head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF ? "image/jpeg"
        : head.Length >= 8 && head[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) ? "image/png"
        : null;

    /// <returns>Null when the bytes are not a JPEG or PNG image that decodes.</returns>
    public static Clean? Reencode(byte[] bytes)
    {
        if (Sniff(bytes) is not { } contentType)
        {
            return null;
        }

        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        if (codec is null)
        {
            return null;
        }

        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return null;
        }

        using var upright = Orient(decoded, codec.EncodedOrigin);
        using var image = SKImage.FromBitmap(upright);
        using var data = image.Encode(contentType == "image/png" ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, 90);
        return new Clean(data.ToArray(), contentType, upright.Width, upright.Height);
    }

    /// <summary>Applies the camera's orientation to the pixels (the orientation tag itself is dropped).</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var (rotate, swap) = origin switch
        {
            SKEncodedOrigin.BottomRight => (180f, false),
            SKEncodedOrigin.RightTop => (90f, true),
            SKEncodedOrigin.LeftBottom => (270f, true),
            _ => (0f, false),
        };
        var result = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height);
        using var canvas = new SKCanvas(result);
        canvas.Translate(result.Width / 2f, result.Height / 2f);
        canvas.RotateDegrees(rotate);
        canvas.Translate(-source.Width / 2f, -source.Height / 2f);
        canvas.DrawBitmap(source, 0, 0);
        return result;
    }
}
