using MicroSpa.Domain.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class BillingSettingsConfiguration : IEntityTypeConfiguration<BillingSettings>
{
    public void Configure(EntityTypeBuilder<BillingSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.DiscountLimitPercent).HasPrecision(5, 2);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_billing_settings_one_row", $"id = {BillingSettings.SingletonId}");
            t.HasCheckConstraint("ck_billing_settings_discount_limit", "discount_limit_percent BETWEEN 0 AND 100");
        });
        builder.HasData(new { Id = BillingSettings.SingletonId, DiscountLimitPercent = 20m, FrontDeskMayRefund = false });
    }
}
