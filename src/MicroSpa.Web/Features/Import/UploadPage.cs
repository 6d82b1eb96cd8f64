using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Import;

/// <summary>The import's first page: the file and where it comes from (the sources named before, to pick from), and the recent imports.</summary>
public static class UploadPage
{
    public sealed record Result(UploadClients.Command Form, IReadOnlyList<string> Sources, IReadOnlyList<BatchPage.Batch> Batches);

    public sealed class Handler(MicroSpaDbContext db, BatchPage.Handler batches)
    {
        public async Task<Result> HandleAsync(UploadClients.Command form, CancellationToken cancellationToken) =>
            new(form, await db.ImportSources.AsNoTracking().OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(cancellationToken),
                await batches.RecentAsync(cancellationToken));
    }
}
