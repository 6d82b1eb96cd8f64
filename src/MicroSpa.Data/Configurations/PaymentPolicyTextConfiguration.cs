using MicroSpa.Domain;
using MicroSpa.Domain.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class PaymentPolicyTextConfiguration : IEntityTypeConfiguration<PaymentPolicyText>
{
    public void Configure(EntityTypeBuilder<PaymentPolicyText> builder)
    {
        builder.HasKey(p => p.Version);
        builder.Property(p => p.Version).ValueGeneratedNever();
        builder.Property(p => p.Body).HasMaxLength(PaymentPolicyText.MaxBodyLength);
        builder.Property(p => p.PublishedByName).HasMaxLength(FieldLengths.Email);
        builder.ToTable(t => t.HasCheckConstraint("ck_payment_policy_texts_version", "version >= 1"));
        builder.HasData(new PaymentPolicyText(1, PaymentPolicyText.Version1Body, new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)));
    }
}
