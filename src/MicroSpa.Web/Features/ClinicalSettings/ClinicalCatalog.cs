using MicroSpa.Data;
using MicroSpa.Domain.Treatments;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClinicalSettings;

/// <summary>The clinical rules as they stand: areas with their bands, products, aftercare lines, the co-signature and before-photos rules.</summary>
public static class ClinicalCatalog
{
    public sealed record AreaRow(Guid Id, string Name, BodyRegion Region, decimal? MinMm, decimal? MaxMm, decimal? HardMaxMm, int IntervalDays, bool NeverTreat);

    public sealed record ProductRow(Guid Id, string Name, string Purpose, bool NotForNeedledSkin, bool Active);

    public sealed record LineRow(Guid Id, AftercareKind Kind, string Text, int? Hours, decimal? DeeperThanMm, int ExtraHoursWhenDeeper, int ExtraHoursOnBody, bool Active);

    public sealed record Result(IReadOnlyList<AreaRow> Areas, IReadOnlyList<ProductRow> Products, IReadOnlyList<LineRow> Lines, bool CoSignatureRequired)
    {
        public IReadOnlyList<Shared.ClinicDevices.Row> Devices { get; init; } = [];
        public Shared.AddDevice.Command NewDevice { get; init; } = new();

        /// <summary>The area row whose form was refused (its messages show there).</summary>
        public Guid? FailedAreaId { get; init; }

        public SetAreaRules.Command? FailedArea { get; init; }
        public AddArea.Command NewArea { get; init; } = new();
        public AddProduct.Command NewProduct { get; init; } = new();

        /// <summary>The before-photos rule (as typed, when it was refused).</summary>
        public SetBeforePhotosRule.Command BeforePhotos { get; init; } = new();
    }

    public sealed class Handler(MicroSpaDbContext db, Shared.ClinicDevices.Handler clinicDevices)
    {
        public async Task<Result> HandleAsync(CancellationToken cancellationToken)
        {
            var areas = await db.BodyAreas.AsNoTracking().OrderBy(a => a.SortOrder).ThenBy(a => a.Name).ToListAsync(cancellationToken);
            var products = await db.Products.AsNoTracking().OrderBy(p => !p.Active).ThenBy(p => p.Name)
                .Select(p => new ProductRow(p.Id, p.Name, p.Purpose, p.NotForNeedledSkin, p.Active)).ToListAsync(cancellationToken);
            var lines = await db.AftercareTemplate.AsNoTracking().OrderBy(l => !l.Active).ThenBy(l => l.Kind).ThenBy(l => l.SortOrder)
                .Select(l => new LineRow(l.Id, l.Kind, l.Text, l.Hours, l.DeeperThanMm, l.ExtraHoursWhenDeeper, l.ExtraHoursOnBody, l.Active))
                .ToListAsync(cancellationToken);
            var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);
            var devices = await clinicDevices.AllAsync(cancellationToken);
            return new Result(
                areas.Select(a => new AreaRow(a.Id, a.Name, a.Region, a.Band?.MinMm, a.Band?.MaxMm, a.HardMaximumMm, a.MinimumIntervalDays, a.NeverTreat)).ToList(),
                products, lines, policy.CoSignatureRequired)
            {
                Devices = devices,
                BeforePhotos = new SetBeforePhotosRule.Command { PerArea = policy.BeforePhotosPerArea },
            };
        }
    }
}
