using MicroSpa.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class OnlineRefundConfiguration : IEntityTypeConfiguration<OnlineRefund>
{
    public void Configure(EntityTypeBuilder<OnlineRefund> builder)
    {
        builder.ToTable("online_refunds", t => t.HasCheckConstraint("ck_online_refunds_amount", "amount > 0"));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(ProviderIds.Length).ValueGeneratedNever();
        builder.Property(r => r.PaymentIntentId).HasMaxLength(ProviderIds.Length);
        builder.HasIndex(r => r.PaymentIntentId);
        builder.HasOne<OnlinePayment>().WithMany().HasForeignKey(r => r.PaymentIntentId).HasPrincipalKey(p => p.PaymentIntentId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Amount).HasPrecision(12, 2);
        builder.Property(r => r.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(r => r.Reason).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(r => r.Money);
    }
}
