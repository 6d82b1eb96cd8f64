using MicroSpa.Data.Identity;
using MicroSpa.Domain.Wallet;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class PackageConfiguration : IEntityTypeConfiguration<Package>
{
    public void Configure(EntityTypeBuilder<Package> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Ignore(p => p.Retired);
    }
}

/// <remarks>Insert-only for the app's role (a change is a new version, decision 047): the migration AddWallet revokes UPDATE and DELETE.</remarks>
internal sealed class PackageVersionConfiguration : IEntityTypeConfiguration<PackageVersion>
{
    public void Configure(EntityTypeBuilder<PackageVersion> builder)
    {
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Name).HasMaxLength(PackageVersion.NameLength);
        builder.Property(v => v.Price).HasPrecision(12, 2);
        builder.Property(v => v.Currency).HasMaxLength(3).IsFixedLength();
        builder.HasOne<Package>().WithMany().HasForeignKey(v => v.PackageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(v => v.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.PackageId, v.Number }).IsUnique();
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_package_versions_terms",
                "number >= 1 AND sessions BETWEEN 1 AND 50 AND price > 0 AND validity_months BETWEEN 1 AND 120 AND cardinality(service_ids) >= 1");
        });
    }
}
