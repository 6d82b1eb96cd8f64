using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class OnlineCheckoutConfiguration : IEntityTypeConfiguration<OnlineCheckout>
{
    public void Configure(EntityTypeBuilder<OnlineCheckout> builder)
    {
        builder.ToTable("online_checkouts", t => t.HasCheckConstraint("ck_online_checkouts_amount", "amount IS NULL OR amount > 0"));
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(ProviderIds.Length).ValueGeneratedNever();
        builder.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Amount).HasPrecision(12, 2);
        builder.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(c => c.Url).HasMaxLength(OnlineCheckout.UrlLength);
        builder.HasOne<Client>().WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(c => c.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(c => c.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ClientId, c.CreatedAt });
    }
}
