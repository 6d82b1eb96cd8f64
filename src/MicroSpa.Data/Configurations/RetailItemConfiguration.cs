using MicroSpa.Domain;
using MicroSpa.Domain.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class RetailItemConfiguration : IEntityTypeConfiguration<RetailItem>
{
    public void Configure(EntityTypeBuilder<RetailItem> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Sku).HasMaxLength(RetailItem.SkuLength);
        builder.Property(i => i.Name).HasMaxLength(FieldLengths.ShortName);
        builder.Property(i => i.Price).HasPrecision(12, 2);
        builder.Property(i => i.TaxKind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(i => i.Sku).IsUnique();
        builder.HasOne<TaxClass>().WithMany().HasForeignKey(i => i.TaxKind).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_retail_items_price", "price BETWEEN 0 AND 100000");
            t.HasCheckConstraint("ck_retail_items_low_stock", "low_stock_threshold >= 0");
        });
    }
}
