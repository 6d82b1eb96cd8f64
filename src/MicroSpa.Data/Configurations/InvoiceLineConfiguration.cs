using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> builder)
    {
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Description).HasMaxLength(InvoiceLine.DescriptionLength);
        builder.Property(l => l.UnitPrice).HasPrecision(12, 2);
        builder.Property(l => l.TaxKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.TaxRatePercent).HasPrecision(6, 3);
        builder.Property(l => l.DiscountKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.DiscountValue).HasPrecision(12, 2);
        builder.Property(l => l.DiscountAmount).HasPrecision(12, 2);
        builder.Property(l => l.DiscountReason).HasMaxLength(LedgerEntry.ReasonLength);
        builder.HasOne<Provider>().WithMany().HasForeignKey(l => l.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Service>().WithMany().HasForeignKey(l => l.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RetailItem>().WithMany().HasForeignKey(l => l.RetailItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Wallet.PackageVersion>().WithMany().HasForeignKey(l => l.PackageVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Memberships.MembershipPeriod>().WithMany().HasForeignKey(l => l.MembershipPeriodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.MembershipPeriodId).HasFilter("membership_period_id IS NOT NULL");
        builder.Ignore(l => l.WithTax);
        builder.HasIndex(l => l.InvoiceId);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_invoice_lines_amounts",
                "unit_price >= 0 AND quantity BETWEEN 1 AND 100 AND discount_amount >= 0 AND discount_amount <= unit_price * quantity");
            t.HasCheckConstraint("ck_invoice_lines_discount_reason", "(discount_kind IS NULL) = (discount_reason IS NULL)");
            t.HasCheckConstraint("ck_invoice_lines_tip_untaxed", "(kind IN ('Tip', 'Fee', 'Package', 'GiftCard', 'Membership')) = (tax_kind IS NULL)");
            t.HasCheckConstraint("ck_invoice_lines_membership", "(kind = 'Membership') = (membership_period_id IS NOT NULL)");
            t.HasCheckConstraint("ck_invoice_lines_package", "(kind = 'Package') = (package_version_id IS NOT NULL)");
        });
    }
}
