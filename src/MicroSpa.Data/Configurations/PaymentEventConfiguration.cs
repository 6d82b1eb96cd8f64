using MicroSpa.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class PaymentEventConfiguration : IEntityTypeConfiguration<PaymentEvent>
{
    public void Configure(EntityTypeBuilder<PaymentEvent> builder)
    {
        builder.ToTable("payment_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(PaymentEvent.IdLength).ValueGeneratedNever();
        builder.Property(e => e.Type).HasMaxLength(PaymentEvent.TypeLength);
        builder.Property(e => e.ObjectId).HasMaxLength(PaymentEvent.IdLength);
        builder.Property(e => e.Payload).HasColumnType("jsonb");
        builder.HasIndex(e => e.ObjectId);
    }
}
