using MicroSpa.Data;
using MicroSpa.Domain.Imports;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Import;

/// <summary>A confirmed import: its counts, who confirmed it and when, whether it was undone; and the recent ones, for the upload page.</summary>
public static class BatchPage
{
    public sealed record Batch(
        Guid Id, string SourceName, string FileName, DateTimeOffset ConfirmedAt, string ConfirmedBy, int Created, int Updated, int Unchanged,
        int Skipped, DateTimeOffset? UndoneAt, string[] UndoNotes, int DuplicatesMerged, int DuplicatesCreated, int DuplicatesSkipped, ImportKind Kind);

    public sealed class Handler(MicroSpaDbContext db)
    {
        public Task<Batch?> HandleAsync(Guid id, CancellationToken cancellationToken) =>
            db.ImportBatches.AsNoTracking().Where(b => b.Id == id)
                .Select(b => new Batch(b.Id, b.SourceName, b.FileName, b.ConfirmedAt, b.ConfirmedByName, b.Created, b.Updated, b.Unchanged, b.Skipped, b.UndoneAt,
                    EF.Property<string[]>(b, "_undoNotes"), b.DuplicatesMerged, b.DuplicatesCreated, b.DuplicatesSkipped, b.Kind))
                .SingleOrDefaultAsync(cancellationToken);

        public Task<List<Batch>> RecentAsync(CancellationToken cancellationToken) =>
            db.ImportBatches.AsNoTracking().OrderByDescending(b => b.ConfirmedAt).Take(10)
                .Select(b => new Batch(b.Id, b.SourceName, b.FileName, b.ConfirmedAt, b.ConfirmedByName, b.Created, b.Updated, b.Unchanged, b.Skipped, b.UndoneAt,
                    EF.Property<string[]>(b, "_undoNotes"), b.DuplicatesMerged, b.DuplicatesCreated, b.DuplicatesSkipped, b.Kind))
                .ToListAsync(cancellationToken);
    }
}
