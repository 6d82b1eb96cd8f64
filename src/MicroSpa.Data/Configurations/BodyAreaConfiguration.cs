using MicroSpa.Domain;
using MicroSpa.Domain.Treatments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class BodyAreaConfiguration : IEntityTypeConfiguration<BodyArea>
{
    public void Configure(EntityTypeBuilder<BodyArea> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Name).HasMaxLength(FieldLengths.ShortName);
        builder.Property(a => a.Region).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.HardMaximumMm).HasPrecision(4, 2);
        builder.Ignore(a => a.CanBeCharted);
        builder.HasIndex(a => a.Name).IsUnique();
        builder.OwnsOne(a => a.Band, band =>
        {
            band.Property(b => b.MinMm).HasColumnName("band_min_mm").HasPrecision(4, 2);
            band.Property(b => b.MaxMm).HasColumnName("band_max_mm").HasPrecision(4, 2);
        });
        builder.ToTable(t => t.HasCheckConstraint(
            "ck_body_areas_never_treat_has_no_band",
            "NOT never_treat OR (band_min_mm IS NULL AND band_max_mm IS NULL AND hard_maximum_mm IS NULL)"));
    }
}
