using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

/// <remarks>
/// No status, total or balance column: all of them are sums of the invoice's ledger entries. Payments lock
/// the invoice's row (SELECT ... FOR UPDATE) so two desks take one payment for what is due.
/// </remarks>
internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Number).UseIdentityAlwaysColumn();
        builder.Property(i => i.Currency).HasMaxLength(3).IsFixedLength();
        builder.HasIndex(i => i.Number).IsUnique();
        builder.HasIndex(i => i.AppointmentId).IsUnique().HasFilter("appointment_id IS NOT NULL");
        builder.HasIndex(i => i.ClientId);
        builder.HasOne<Client>().WithMany().HasForeignKey(i => i.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(i => i.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(i => i.OpenedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(i => i.Entries).WithOne().HasForeignKey(e => e.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(i => i.Entries).HasField("_entries").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
