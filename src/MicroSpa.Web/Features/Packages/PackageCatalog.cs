using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Packages;

/// <summary>The packages page: every package as its newest version says, with its state, and the form for one.</summary>
public static class PackageCatalog
{
    public sealed record Row(Guid Id, string Name, IReadOnlyList<string> Services, int Sessions, decimal Price, int ValidityMonths, int Version, bool Retired);

    public sealed record ServiceChoice(Guid Id, string Name);

    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<IReadOnlyList<Row>> ListAsync(CancellationToken cancellationToken)
        {
            var packages = await db.Packages.AsNoTracking()
                .Select(p => new { p.Id, p.RetiredAt, Version = db.PackageVersions.Where(v => v.PackageId == p.Id).OrderByDescending(v => v.Number).First() })
                .ToListAsync(cancellationToken);
            var names = await db.Services.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
            return [.. packages.OrderBy(p => p.RetiredAt is not null).ThenBy(p => p.Version.Name, StringComparer.CurrentCulture)
                .Select(p => new Row(p.Id, p.Version.Name, [.. p.Version.ServiceIds.Select(s => names.GetValueOrDefault(s, "A service no longer listed"))],
                    p.Version.Sessions, p.Version.Price, p.Version.ValidityMonths, p.Version.Number, p.RetiredAt is not null))];
        }

        /// <summary>The services a package may cover: the treatments and consultations offered now.</summary>
        public async Task<IReadOnlyList<ServiceChoice>> ServicesAsync(CancellationToken cancellationToken) =>
            await db.Services.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.SortOrder).ThenBy(s => s.Name)
                .Select(s => new ServiceChoice(s.Id, s.Kind == ServiceKind.Consultation ? s.Name + " (consultation)" : s.Name)).ToListAsync(cancellationToken);

        /// <summary>The form filled with the package's newest version; null when there is no such package.</summary>
        public async Task<SavePackage.Command?> FormAsync(Guid id, CancellationToken cancellationToken) =>
            await db.PackageVersions.AsNoTracking().Where(v => v.PackageId == id).OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken) is { } v
                ? new SavePackage.Command { Name = v.Name, ServiceIds = [.. v.ServiceIds], Sessions = v.Sessions, Price = v.Price, ValidityMonths = v.ValidityMonths }
                : null;
    }
}
