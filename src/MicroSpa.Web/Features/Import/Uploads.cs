using MicroSpa.Data;
using MicroSpa.Domain.Imports;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Import;

/// <summary>An upload as each step opens it: only its owner's, and only until it expires (anyone else, or later: not found).</summary>
public static class Uploads
{
    public static Task<ImportUpload?> FindAsync(MicroSpaDbContext db, Guid id, Guid? userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        userId is { } owner
            ? db.ImportUploads.SingleOrDefaultAsync(u => u.Id == id && u.OwnerUserId == owner && u.ExpiresAt > now, cancellationToken)
            : Task.FromResult<ImportUpload?>(null);
}
