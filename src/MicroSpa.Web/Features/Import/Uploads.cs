using MicroSpa.Data;
using MicroSpa.Domain.Imports;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Import;

/// <summary>An upload as each step opens it: only its owner's, only of the step's kind, and only until it expires (anyone else, or later: not found).</summary>
public static class Uploads
{
    /// <summary>The upload of clients, or of <paramref name="kind"/> (an upload of the other kind is not found: its steps are others).</summary>
    public static Task<ImportUpload?> FindAsync(
        MicroSpaDbContext db, Guid id, Guid? userId, DateTimeOffset now, CancellationToken cancellationToken, ImportKind kind = ImportKind.Clients) =>
        userId is { } owner
            ? db.ImportUploads.SingleOrDefaultAsync(u => u.Id == id && u.OwnerUserId == owner && u.ExpiresAt > now && u.Kind == kind, cancellationToken)
            : Task.FromResult<ImportUpload?>(null);

    /// <summary>
    /// The batch an upload of this Admin's already became (review 13:40, L3): Confirm clicked twice lands where the first click
    /// did, whether the second waited for the first under the import lock or came after it had removed the upload. Null while
    /// the upload is still there to confirm, or when no batch came from it.
    /// </summary>
    public static Task<Guid?> ConfirmedAlreadyAsync(MicroSpaDbContext db, Guid uploadId, Guid? userId, CancellationToken cancellationToken) =>
        db.ImportBatches.AsNoTracking().Where(b => b.UploadId == uploadId && b.ConfirmedBy == userId && b.UndoneAt == null)
            .Select(b => (Guid?)b.Id).SingleOrDefaultAsync(cancellationToken);
}
