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
}
