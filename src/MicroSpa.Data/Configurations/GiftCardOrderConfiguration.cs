using MicroSpa.Domain;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Wallet;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

/// <remarks>
/// A gift card bought online (decision 048). One order per invoice and per card (unique); the sealed code is present only
/// between the payment and the email (a check: never once sent).
/// </remarks>
internal sealed class GiftCardOrderConfiguration : IEntityTypeConfiguration<GiftCardOrder>
{
    public void Configure(EntityTypeBuilder<GiftCardOrder> builder)
    {
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Amount).HasPrecision(12, 2);
        builder.Property(o => o.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(o => o.BuyerName).HasMaxLength(FieldLengths.PersonName);
        builder.Property(o => o.BuyerEmail).HasMaxLength(FieldLengths.Email);
        builder.Property(o => o.RecipientName).HasMaxLength(FieldLengths.PersonName);
        builder.Property(o => o.RecipientEmail).HasMaxLength(FieldLengths.Email);
        builder.Property(o => o.Message).HasMaxLength(GiftCardOrder.MessageLength);
        builder.Property(o => o.CheckoutSessionId).HasMaxLength(GiftCardOrder.SessionIdLength);
        builder.Property(o => o.SealedCode).HasMaxLength(GiftCardOrder.SealedCodeLength);
        builder.HasIndex(o => o.InvoiceId).IsUnique();
        builder.HasIndex(o => o.GiftCardId).IsUnique();
        builder.HasIndex(o => o.CheckoutSessionId).IsUnique();
        builder.HasIndex(o => o.SendOn).HasFilter("sealed_code IS NOT NULL");
        builder.HasIndex(o => o.RecipientEmail);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(o => o.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GiftCard>().WithMany().HasForeignKey(o => o.GiftCardId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_gift_card_orders_amount", "amount > 0");
            t.HasCheckConstraint("ck_gift_card_orders_sealed", "sealed_code IS NULL OR (gift_card_id IS NOT NULL AND sent_at IS NULL)");
        });
    }
}
