using MicroSpa.Data;
using MicroSpa.Domain.Exports;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClinicExport;

/// <summary>The Admin's export page: the latest exports with their progress, and whether one can be started.</summary>
public static class ExportPage
{
    public sealed record Export(
        Guid Id, ClinicExportStatus Status, string RequestedBy, DateTimeOffset RequestedAt, int Percent, string? CurrentFile,
        DateTimeOffset? FinishedAt, DateTimeOffset? ExpiresAt, long? SizeBytes, bool Downloadable, bool Expired);

    public sealed record Page(IReadOnlyList<Export> Exports)
    {
        public Export? InProgress => Exports.FirstOrDefault(e => e.Status is ClinicExportStatus.Queued or ClinicExportStatus.Running);
    }

    /// <summary>What the page's script polls while an export is written.</summary>
    public sealed record Status(Guid Id, string State, int Percent, string? File, bool Finished);

    public sealed class Handler(MicroSpaDbContext db, TimeProvider clock)
    {
        public async Task<Page> HandleAsync(CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var exports = await db.ClinicExports.AsNoTracking().OrderByDescending(e => e.RequestedAt).Take(10).ToListAsync(cancellationToken);
            return new Page([.. exports.Select(e => new Export(
                e.Id, e.Status, e.RequestedByName, e.RequestedAt, e.Percent, e.CurrentFile, e.FinishedAt, e.ExpiresAt, e.SizeBytes,
                e.IsDownloadable(now), e.HasExpired(now)))]);
        }

        public async Task<Status?> StatusAsync(Guid id, CancellationToken cancellationToken) =>
            await db.ClinicExports.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is { } e
                ? new Status(e.Id, e.Status.ToString(), e.Percent, e.CurrentFile, !e.InProgress)
                : null;
    }
}
