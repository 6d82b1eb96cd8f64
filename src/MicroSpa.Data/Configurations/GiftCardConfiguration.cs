using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Wallet;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

/// <remarks>
/// Insert-only like the ledger (decisions 032, 048): the migration AddGiftCards puts the ledger's trigger on it and revokes
/// UPDATE, DELETE and TRUNCATE. One card per gift card line (unique), one code hash per card (unique: a lookup finds one card).
/// </remarks>
internal sealed class GiftCardConfiguration : IEntityTypeConfiguration<GiftCard>
{
    public void Configure(EntityTypeBuilder<GiftCard> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.CodeHash).HasMaxLength(GiftCardCode.HashLength).IsFixedLength();
        builder.Property(c => c.LastFour).HasMaxLength(GiftCardCode.LastFourLength).IsFixedLength();
        builder.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        builder.Ignore(c => c.Display);
        builder.HasIndex(c => c.SaleLineId).IsUnique();
        builder.HasIndex(c => c.CodeHash).IsUnique();
        builder.HasIndex(c => c.SaleInvoiceId);
        builder.HasOne<InvoiceLine>().WithMany().HasForeignKey(c => c.SaleLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(c => c.SaleInvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.IssuedBy).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_gift_cards_expiry", "expires_on IS NULL OR expires_on > issued_on"));
    }
}
