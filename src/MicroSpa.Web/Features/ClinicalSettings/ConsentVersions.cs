using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClinicalSettings;

/// <summary>The consent editor: the current text to start from, and every published version with how many signed it.</summary>
public static class ConsentVersions
{
    /// <summary>A published version; PublishedBy is null for version 1 and versions published before it was recorded.</summary>
    public sealed record Version(int Number, string Title, DateTime LocalPublishedAt, string? PublishedBy, int Signatures);

    public sealed record Result(int Current, DateTime LocalPublishedAt, IReadOnlyList<Version> Versions)
    {
        public PublishConsent.Command Form { get; init; } = new();
    }

    public sealed class Handler(MicroSpaDbContext db, Domain.Scheduling.ClinicTimeZone zone)
    {
        public async Task<Result> HandleAsync(CancellationToken cancellationToken)
        {
            var versions = await db.ConsentForms.AsNoTracking().OrderByDescending(f => f.Version)
                .Select(f => new { f.Version, f.Title, f.Body, f.PublishedAt, f.PublishedByName, Signatures = db.ConsentSignatures.Count(s => s.FormVersion == f.Version) })
                .ToListAsync(cancellationToken);
            var current = versions[0];
            return new Result(current.Version, zone.ToLocal(current.PublishedAt),
                versions.Select(v => new Version(v.Version, v.Title, zone.ToLocal(v.PublishedAt), v.PublishedByName, v.Signatures)).ToList())
            {
                Form = new PublishConsent.Command { BasedOnVersion = current.Version, Title = current.Title, Body = current.Body },
            };
        }
    }
}
