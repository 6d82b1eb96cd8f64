using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

/// <remarks>
/// Insert-only (decision 032): the migration AddLedger revokes UPDATE, DELETE and TRUNCATE from the app's role
/// and adds a trigger refusing updates and deletes to everyone. The checks below keep each kind's shape.
/// </remarks>
internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Sequence).UseIdentityAlwaysColumn();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Tender).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Amount).HasPrecision(12, 2);
        builder.Property(e => e.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(e => e.CashTendered).HasPrecision(12, 2);
        builder.Property(e => e.ChangeGiven).HasPrecision(12, 2);
        builder.Property(e => e.CardBrand).HasMaxLength(LedgerEntry.CardBrandLength);
        builder.Property(e => e.CardLastFour).HasMaxLength(4).IsFixedLength();
        builder.Property(e => e.ApprovalCode).HasMaxLength(LedgerEntry.ApprovalCodeLength);
        builder.Property(e => e.Reference).HasMaxLength(LedgerEntry.ReferenceLength);
        builder.Property(e => e.Reason).HasMaxLength(LedgerEntry.ReasonLength);
        builder.Ignore(e => e.Money);
        builder.Ignore(e => e.TotalEffect);
        builder.Ignore(e => e.CashFlow);
        builder.Ignore(e => e.PaymentIntentId);
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => e.SubmissionId).IsUnique().HasFilter("submission_id IS NOT NULL");
        builder.HasIndex(e => new { e.ClinicDay, e.Kind });
        builder.HasIndex(e => e.InvoiceId);

        // The payment intent (pi_…) a deposit used or a card charged online is looked up by (the deposits held, refunds at
        // the provider, a fee's payment recorded once): only the entries that have a reference are indexed.
        builder.HasIndex(e => e.Reference).HasFilter("reference IS NOT NULL");

        // "Is this invoice voided?" is asked of every line the day close sums: a partial index holds only the voids, so
        // the answer costs the same however long the ledger grows (the (clinic_day, kind) index was walked whole for it).
        builder.HasIndex(e => e.InvoiceId, "ix_ledger_entries_voids").HasDatabaseName("ix_ledger_entries_voids").HasFilter("kind = 'Void'");
        builder.HasOne<LedgerEntry>().WithMany().HasForeignKey(e => e.RefundOfId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<InvoiceLine>().WithMany().HasForeignKey(e => e.InvoiceLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.ByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_ledger_entries_amount", "amount >= 0 AND amount <= 1000000");
            t.HasCheckConstraint("ck_ledger_entries_tender", "(kind IN ('Payment', 'Refund')) = (tender IS NOT NULL)");
            t.HasCheckConstraint("ck_ledger_entries_refund_of", "(kind = 'Refund') = (refund_of_id IS NOT NULL)");
            t.HasCheckConstraint("ck_ledger_entries_cash",
                "cash_tendered IS NULL OR (tender = 'Cash' AND cash_tendered >= amount AND change_given = cash_tendered - amount)");
            t.HasCheckConstraint("ck_ledger_entries_card", "card_last_four IS NULL OR card_last_four ~ '^[0-9]{4}$'");
        });
    }
}
