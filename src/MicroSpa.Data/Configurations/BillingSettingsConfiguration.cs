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
        builder.Property(s => s.Safeguard).HasConversion<string>().HasMaxLength(12);
        builder.Property(s => s.CancellationFeeKind).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.CancellationFeeValue).HasPrecision(10, 2);
        builder.Property(s => s.NoShowFeeKind).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.NoShowFeeValue).HasPrecision(10, 2);
        builder.Property(s => s.GiftCardMinValue).HasPrecision(10, 2).HasDefaultValue(Domain.Wallet.GiftCardCode.MinValue);
        builder.Property(s => s.GiftCardMaxValue).HasPrecision(10, 2).HasDefaultValue(Domain.Wallet.GiftCardCode.MaxValue);
        builder.Ignore(s => s.PaymentRules);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_billing_settings_one_row", $"id = {BillingSettings.SingletonId}");
            t.HasCheckConstraint("ck_billing_settings_discount_limit", "discount_limit_percent BETWEEN 0 AND 100");
            t.HasCheckConstraint("ck_billing_settings_record_months", $"record_months BETWEEN 1 AND {PaymentRules.MaxRecordMonths}");
            t.HasCheckConstraint("ck_billing_settings_late_cancellations",
                $"late_cancellations_before_required BETWEEN 0 AND {PaymentRules.MaxLateCancellations}");
            t.HasCheckConstraint("ck_billing_settings_cancellation_fee", Fee("cancellation_fee"));
            t.HasCheckConstraint("ck_billing_settings_no_show_fee", Fee("no_show_fee"));
            t.HasCheckConstraint("ck_billing_settings_gift_card_expiry",
                $"gift_card_expiry_months IS NULL OR gift_card_expiry_months BETWEEN 1 AND {BillingSettings.MaxGiftCardExpiryMonths}");
            t.HasCheckConstraint("ck_billing_settings_gift_card_values",
                $"gift_card_min_value >= 1 AND gift_card_max_value >= gift_card_min_value AND gift_card_max_value <= {BillingSettings.MaxGiftCardValueLimit}");
        });
        builder.HasData(new
        {
            Id = BillingSettings.SingletonId, DiscountLimitPercent = 20m, FrontDeskMayRefund = false,
            WaiveDepositForCleanRecord = false, RecordMonths = PaymentRules.Default.RecordMonths, RequireAfterNoShow = false,
            LateCancellationsBeforeRequired = 0, Safeguard = PaymentRules.Default.Safeguard,
            CancellationFeeKind = ChargeKind.None, CancellationFeeValue = 0m, NoShowFeeKind = ChargeKind.None, NoShowFeeValue = 0m,
        });
    }

    private static string Fee(string column) =>
        $"({column}_kind = 'None' AND {column}_value = 0) OR ({column}_kind = 'Fixed' AND {column}_value > 0)"
        + $" OR ({column}_kind = 'Percent' AND {column}_value > 0 AND {column}_value <= 100)";
}
