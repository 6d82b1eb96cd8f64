using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class OnlinePaymentConfiguration : IEntityTypeConfiguration<OnlinePayment>
{
    public void Configure(EntityTypeBuilder<OnlinePayment> builder)
    {
        builder.ToTable("online_payments", t => t.HasCheckConstraint("ck_online_payments_amount", "amount > 0"));
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.PaymentIntentId).HasMaxLength(ProviderIds.Length);
        builder.HasIndex(p => p.PaymentIntentId).IsUnique();
        builder.Property(p => p.Purpose).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Amount).HasPrecision(12, 2);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(p => p.CheckoutSessionId).HasMaxLength(ProviderIds.Length);
        builder.Property(p => p.ChargeId).HasMaxLength(ProviderIds.Length);
        builder.HasIndex(p => p.ChargeId);
        builder.Property(p => p.CardBrand).HasMaxLength(OnlinePayment.CardBrandLength);
        builder.Property(p => p.CardLastFour).HasMaxLength(4).IsFixedLength();
        builder.HasOne<Client>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(p => p.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.AppointmentId);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.Money);
    }
}
