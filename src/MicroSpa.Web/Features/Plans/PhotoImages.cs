using System.Buffers.Binary;
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
/// from the pixels alone: every bit of metadata (camera, date, location) is left behind. A small file can
/// declare an enormous image (a decompression bomb: 17 KB declaring 12000×12000 pixels), so the size is
/// read from the header first and refused above <see cref="MaxPixels"/> before anything is decoded; what
/// is accepted is decoded scaled down towards the stored size (JPEG decodes at 1/2, 1/4 or 1/8 directly)
/// and kept at most <see cref="StoredLongEdge"/> pixels on its long edge.
/// </summary>
public static class PhotoImages
{
    /// <summary>40 megapixels: more than any phone or clinic camera takes; decoding one needs at most 160 MB.</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>The long edge of a stored photo: sharp enough to compare skin texture on a screen.</summary>
    public const int StoredLongEdge = 2560;

    public const string NotAnImage = "Only JPEG or PNG photos (this file is neither, whatever its name).";

    public sealed record Clean(byte[] Bytes, string ContentType, int Width, int Height);

    public static string? Sniff(ReadOnlySpan<byte> head) =>
        head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF ? "image/jpeg"
        : head.Length >= 8 && head[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) ? "image/png"
        : null;

    /// <summary>The width and height a PNG (IHDR) or JPEG (its start-of-frame segment) declares, read from the header alone; null when none is found.</summary>
    public static (int Width, int Height)? DeclaredSize(ReadOnlySpan<byte> bytes)
    {
        switch (Sniff(bytes))
        {
            case "image/png":
                return bytes.Length >= 24 && bytes[12..16].SequenceEqual("IHDR"u8)
                    ? ((int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]), int.MaxValue), (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(bytes[20..]), int.MaxValue))
                    : null;
            case "image/jpeg":
                var at = 2;
                while (at + 3 < bytes.Length)
                {
                    if (bytes[at] != 0xFF)
                    {
                        return null;
                    }

                    var marker = bytes[at + 1];
                    if (marker == 0xFF)
                    {
                        at++;
                        continue;
                    }

                    if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
                    {
                        at += 2;
                        continue;
                    }

                    if (marker is 0xD9 or 0xDA)
                    {
                        return null;
                    }

                    var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 2)..]);
                    if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                    {
                        return at + 9 <= bytes.Length
                            ? (BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 5)..]))
                            : null;
                    }

                    at += 2 + length;
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Why the file cannot be taken, judged from its header before anything is decoded; null when it may be decoded.</summary>
    public static string? Refusal(ReadOnlySpan<byte> bytes)
    {
        if (Sniff(bytes) is null || DeclaredSize(bytes) is not { } size || size.Width <= 0 || size.Height <= 0)
        {
            return NotAnImage;
        }

        var pixels = (long)size.Width * size.Height;
        return pixels > MaxPixels
            ? $"This photo is {size.Width:#,0} × {size.Height:#,0} pixels ({pixels / 1_000_000.0:#,0.#} megapixels). Photos of at most {MaxPixels / 1_000_000} megapixels are accepted: take it at a lower resolution or resize it."
            : null;
    }

    /// <returns>Null when the bytes are not a JPEG or PNG image that decodes, or when <see cref="Refusal"/> refuses them.</returns>
    public static Clean? Reencode(byte[] bytes)
    {
        if (Refusal(bytes) is not null || Sniff(bytes) is not { } contentType)
        {
            return null;
        }

        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            return null;
        }

        // The size to keep, and the smallest the codec can decode at that is no smaller (JPEG scales by eighths; PNG decodes whole).
        var scale = Math.Min(1f, (float)StoredLongEdge / Math.Max(codec.Info.Width, codec.Info.Height));
        var target = new SKSizeI(Math.Max(1, (int)Math.Round(codec.Info.Width * scale)), Math.Max(1, (int)Math.Round(codec.Info.Height * scale)));
        var scaled = codec.GetScaledDimensions(scale);
        if (scaled.Width < target.Width || scaled.Height < target.Height)
        {
            scaled = codec.Info.Size;
        }

        var info = new SKImageInfo(scaled.Width, scaled.Height, SKImageInfo.PlatformColorType,
            codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        if (codec.GetPixels(info, decoded.GetPixels()) is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return null;
        }

        using var resized = scaled == target ? null : decoded.Resize(new SKImageInfo(target.Width, target.Height, info.ColorType, info.AlphaType), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var upright = Orient(resized ?? decoded, codec.EncodedOrigin);
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
