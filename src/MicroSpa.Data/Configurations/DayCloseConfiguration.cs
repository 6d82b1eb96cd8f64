using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

/// <remarks>One row per clinic day (the key), insert-only like the ledger: a closed day stays closed.</remarks>
internal sealed class DayCloseConfiguration : IEntityTypeConfiguration<DayClose>
{
    public void Configure(EntityTypeBuilder<DayClose> builder)
    {
        builder.HasKey(d => d.ClinicDay);
        builder.Property(d => d.ExpectedCash).HasPrecision(12, 2);
        builder.Property(d => d.CountedCash).HasPrecision(12, 2);
        builder.Property(d => d.Note).HasMaxLength(DayClose.NoteLength);
        builder.Ignore(d => d.Variance);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(d => d.ClosedBy).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_day_closes_counted", "counted_cash >= 0"));
    }
}
