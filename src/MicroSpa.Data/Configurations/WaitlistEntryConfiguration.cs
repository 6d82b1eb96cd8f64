using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class WaitlistEntryConfiguration : IEntityTypeConfiguration<WaitlistEntry>
{
    public void Configure(EntityTypeBuilder<WaitlistEntry> builder)
    {
        builder.ToTable("waitlist_entries", t =>
        {
            t.HasCheckConstraint("ck_waitlist_entries_start_window", "latest_start >= earliest_start");
            t.HasCheckConstraint("ck_waitlist_entries_days", "days > 0 AND days <= 127");
        });
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Days).HasConversion<int>();
        builder.PrimitiveCollection(e => e.AreaIds).HasField("_areaIds").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<Client>().WithMany().HasForeignKey(e => e.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Service>().WithMany().HasForeignKey(e => e.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Provider>().WithMany().HasForeignKey(e => e.ProviderId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(e => e.AppointmentId).OnDelete(DeleteBehavior.SetNull);

        // Matching a freed time reads the waiting entries of one service.
        builder.HasIndex(e => new { e.ServiceId, e.Status });
        builder.HasIndex(e => e.ClientId);
    }
}

internal sealed class WaitlistOfferConfiguration : IEntityTypeConfiguration<WaitlistOffer>
{
    public void Configure(EntityTypeBuilder<WaitlistOffer> builder)
    {
        builder.ToTable("waitlist_offers");
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.TokenHash).HasMaxLength(64);
        builder.HasOne(o => o.Entry).WithMany().HasForeignKey(o => o.EntryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(o => o.FreedAppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(o => o.AppointmentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(o => o.TokenHash).IsUnique();

        // One offer per client per freed time (offering twice is a no-op) ...
        builder.HasIndex(o => new { o.FreedAppointmentId, o.EntryId }).IsUnique();

        // ... and only one accepted offer per freed time: the first to confirm gets it, even under a race.
        builder.HasIndex(o => o.FreedAppointmentId).IsUnique().HasFilter("status = 'Accepted'")
            .HasDatabaseName("ux_waitlist_offers_one_accepted_per_freed_time");
    }
}
