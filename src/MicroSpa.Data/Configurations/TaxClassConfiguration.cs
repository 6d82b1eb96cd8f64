using MicroSpa.Domain;
using MicroSpa.Domain.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class TaxClassConfiguration : IEntityTypeConfiguration<TaxClass>
{
    public void Configure(EntityTypeBuilder<TaxClass> builder)
    {
        builder.HasKey(t => t.Kind);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Name).HasMaxLength(FieldLengths.ShortName);
        builder.Property(t => t.RatePercent).HasPrecision(6, 3);
        builder.ToTable(t => t.HasCheckConstraint("ck_tax_classes_rate", "rate_percent BETWEEN 0 AND 30"));

        // Clinic setup data: 0 % until the Admin sets the clinic's rates.
        builder.HasData(
            new { Kind = TaxKind.Services, Name = "Services", RatePercent = 0m },
            new { Kind = TaxKind.Retail, Name = "Retail products", RatePercent = 0m });
    }
}
