using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClinicExport;

/// <summary>
/// Where the background worker writes an archive (decision 046): into PostgreSQL in parts of <see cref="PartSize"/>, each
/// inserted as it fills, so nothing waits in memory or on an instance's disk and any instance serves the download.
/// Takes only asynchronous writes (what <see cref="Infrastructure.Streaming.WriteBehindStream"/> drains into it).
/// </summary>
public sealed class ExportParts(MicroSpaDbContext store, Guid exportId) : Stream
{
    public const int PartSize = 2 * 1024 * 1024;

    private readonly MemoryStream _part = new();

    /// <summary>Parts stored so far.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes written so far.</summary>
    public long Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (buffer.Length > 0)
        {
            var room = PartSize - (int)_part.Length;
            var take = Math.Min(room, buffer.Length);
            _part.Write(buffer.Span[..take]);
            buffer = buffer[take..];
            Written += take;
            if (_part.Length == PartSize)
            {
                await StoreAsync(cancellationToken);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Stores what is left as the last part.</summary>
    public Task CompleteAsync(CancellationToken cancellationToken) => _part.Length > 0 ? StoreAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Deletes every part of the export (a failed one keeps nothing).</summary>
    public static Task<int> DeleteAsync(MicroSpaDbContext db, Guid exportId, CancellationToken cancellationToken) =>
        db.ClinicExportParts.Where(p => p.ExportId == exportId).ExecuteDeleteAsync(cancellationToken);

    private async Task StoreAsync(CancellationToken cancellationToken)
    {
        var bytes = _part.ToArray();
        await store.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO clinic_export_parts (export_id, sequence, bytes) VALUES ({exportId}, {Count}, {bytes})", cancellationToken);
        Count++;
        _part.SetLength(0);
    }

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Export parts take asynchronous writes only.");

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _part.Dispose();
        }

        base.Dispose(disposing);
    }
}
