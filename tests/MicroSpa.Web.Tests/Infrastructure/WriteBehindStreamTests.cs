using System.IO.Compression;
using MicroSpa.Web.Infrastructure.Streaming;

namespace MicroSpa.Web.Tests.Infrastructure;

/// <summary>A ZIP written into a response that refuses synchronous writes, holding about one chunk at a time (decision 040).</summary>
public sealed class WriteBehindStreamTests
{
    [Fact]
    public async Task A_zip_of_large_entries_streams_to_an_async_only_response_holding_about_one_chunk()
    {
        var photo = new byte[5_000_000];
        new Random(7).NextBytes(photo);
        await using var response = new AsyncOnlyStream();
        long mostHeld = 0;
        await using (var pending = new WriteBehindStream(response))
        {
            using (var zip = new ZipArchive(pending, ZipArchiveMode.Create, leaveOpen: true))
            {
                for (var i = 0; i < 3; i++)
                {
                    await using (var entry = zip.CreateEntry($"photos/{i}.jpg", CompressionLevel.NoCompression).Open())
                    {
                        for (var at = 0; at < photo.Length; at += 81_920)
                        {
                            await entry.WriteAsync(photo.AsMemory(at, Math.Min(81_920, photo.Length - at)));
                            mostHeld = Math.Max(mostHeld, pending.Pending);
                            await pending.DrainAsync(CancellationToken.None);
                        }
                    }

                    mostHeld = Math.Max(mostHeld, pending.Pending);
                    await pending.DrainAsync(CancellationToken.None);
                }
            }

            mostHeld = Math.Max(mostHeld, pending.Pending);
            await pending.DrainAsync(CancellationToken.None);
        }

        mostHeld.ShouldBeLessThan(200_000, "about one 80 kB chunk is held, never a photo");
        response.Written.Position = 0;
        using var read = new ZipArchive(response.Written, ZipArchiveMode.Read);
        read.Entries.Count.ShouldBe(3);
        foreach (var entry in read.Entries)
        {
            await using var stream = entry.Open();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            copy.ToArray().ShouldBe(photo);
        }
    }
}
