using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class PaymentDisputeConfiguration : IEntityTypeConfiguration<PaymentDispute>
{
    public void Configure(EntityTypeBuilder<PaymentDispute> builder)
    {
        builder.ToTable("payment_disputes", t => t.HasCheckConstraint("ck_payment_disputes_amount", "amount >= 0"));
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasMaxLength(ProviderIds.Length).ValueGeneratedNever();
        builder.Property(d => d.ChargeId).HasMaxLength(ProviderIds.Length);
        builder.Property(d => d.PaymentIntentId).HasMaxLength(ProviderIds.Length);
        builder.Property(d => d.Amount).HasPrecision(12, 2);
        builder.Property(d => d.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(d => d.Reason).HasMaxLength(PaymentDispute.ReasonLength);
        builder.HasOne<Client>().WithMany().HasForeignKey(d => d.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(d => d.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.OpenedAt);
        builder.Ignore(d => d.Money);
    }
}
