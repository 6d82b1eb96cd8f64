using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Wallet;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

/// <remarks>
/// Insert-only like the ledger (decisions 032, 047): the migration AddWallet puts the ledger's trigger on it and revokes
/// UPDATE, DELETE and TRUNCATE. No client column: a lot is a package line, whose invoice names the client (a merge moves it).
/// </remarks>
internal sealed class WalletEntryConfiguration : IEntityTypeConfiguration<WalletEntry>
{
    public void Configure(EntityTypeBuilder<WalletEntry> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Sequence).UseIdentityAlwaysColumn();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Amount).HasPrecision(12, 2);
        builder.Property(e => e.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(e => e.Reason).HasMaxLength(WalletEntry.ReasonLength);
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => e.LotId);
        builder.HasIndex(e => e.InvoiceId);
        builder.HasIndex(e => e.LotId, "ux_wallet_entries_issued_once").IsUnique().HasFilter("kind = 'Issued'");
        builder.HasIndex(e => e.ReturnOfId).IsUnique().HasFilter("return_of_id IS NOT NULL");
        builder.HasOne<InvoiceLine>().WithMany().HasForeignKey(e => e.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(e => e.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<InvoiceLine>().WithMany().HasForeignKey(e => e.InvoiceLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LedgerEntry>().WithMany().HasForeignKey(e => e.LedgerEntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<WalletEntry>().WithMany().HasForeignKey(e => e.ReturnOfId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.ByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_wallet_entries_amounts", "sessions >= 1 AND amount >= 0 AND amount <= 1000000");
            t.HasCheckConstraint("ck_wallet_entries_expiry", "(kind = 'Issued') = (expires_on IS NOT NULL)");
            t.HasCheckConstraint("ck_wallet_entries_redeemed", "kind NOT IN ('Redeemed', 'Returned') OR (invoice_line_id IS NOT NULL AND ledger_entry_id IS NOT NULL)");
            t.HasCheckConstraint("ck_wallet_entries_return_of", "(kind = 'Returned') = (return_of_id IS NOT NULL)");
        });
    }
}
