using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

/// <remarks>Insert-only: the migration AddLedger revokes UPDATE, DELETE and TRUNCATE and adds a refusing trigger.</remarks>
internal sealed class StockEntryConfiguration : IEntityTypeConfiguration<StockEntry>
{
    public void Configure(EntityTypeBuilder<StockEntry> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Reason).HasMaxLength(StockEntry.ReasonLength);
        builder.HasOne<RetailItem>().WithMany().HasForeignKey(e => e.RetailItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(e => e.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.ByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.RetailItemId, e.At });
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_stock_entries_direction",
                "(kind IN ('Received', 'Returned') AND quantity_change > 0) OR (kind IN ('WrittenOff', 'Sold') AND quantity_change < 0) OR (kind = 'Counted' AND counted_quantity >= 0)");
            t.HasCheckConstraint("ck_stock_entries_invoice", "(kind IN ('Sold', 'Returned')) = (invoice_id IS NOT NULL)");
        });
    }
}
