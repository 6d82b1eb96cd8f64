using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Wallet;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

/// <remarks>Insert-only like the ledger (decisions 032, 048); one Issued entry per card (unique).</remarks>
internal sealed class GiftCardEntryConfiguration : IEntityTypeConfiguration<GiftCardEntry>
{
    public void Configure(EntityTypeBuilder<GiftCardEntry> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Sequence).UseIdentityAlwaysColumn();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Amount).HasPrecision(12, 2);
        builder.Property(e => e.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(e => e.Reason).HasMaxLength(GiftCardEntry.ReasonLength);
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => e.GiftCardId);
        builder.HasIndex(e => e.InvoiceId);
        builder.HasIndex(e => e.LedgerEntryId);
        builder.HasIndex(e => e.GiftCardId, "ux_gift_card_entries_issued_once").IsUnique().HasFilter("kind = 'Issued'");
        // The expiry round writes a card off once, whichever instance gets there first (decision 048).
        builder.HasIndex(e => e.GiftCardId, "ux_gift_card_entries_expired_once").IsUnique().HasFilter("kind = 'Expired'");
        builder.HasOne<GiftCard>().WithMany().HasForeignKey(e => e.GiftCardId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(e => e.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LedgerEntry>().WithMany().HasForeignKey(e => e.LedgerEntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GiftCardEntry>().WithMany().HasForeignKey(e => e.ReturnOfId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.ByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_gift_card_entries_amount", "amount > 0 AND amount <= 1000000");
            t.HasCheckConstraint("ck_gift_card_entries_redeemed", "kind <> 'Redeemed' OR ledger_entry_id IS NOT NULL");
            t.HasCheckConstraint("ck_gift_card_entries_return_of", "(kind = 'Returned') = (return_of_id IS NOT NULL)");
        });
    }
}
