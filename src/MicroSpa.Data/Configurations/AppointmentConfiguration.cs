using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

/// <remarks>
/// The exclusion constraints that refuse overlapping provider, room and device time are added
/// in the AddAppointmentOverlapConstraints migration with raw SQL: EF Core has no model API for them.
/// </remarks>
internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.CancellationReason).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.CancellationNote).HasMaxLength(FieldLengths.Note);
        builder.Property(a => a.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Version).IsRowVersion();
        builder.Property(a => a.PriceAtBooking).HasPrecision(10, 2);
        builder.Ignore(a => a.HoldsTime);

        builder.HasOne(a => a.Client).WithMany().HasForeignKey(a => a.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Service).WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Provider).WithMany().HasForeignKey(a => a.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Room).WithMany().HasForeignKey(a => a.RoomId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Device).WithMany().HasForeignKey(a => a.DeviceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.BodyAreas).WithMany().UsingEntity(
            "appointment_body_areas",
            r => r.HasOne(typeof(BodyArea)).WithMany().HasForeignKey("body_area_id").OnDelete(DeleteBehavior.Restrict),
            l => l.HasOne(typeof(Appointment)).WithMany().HasForeignKey("appointment_id").OnDelete(DeleteBehavior.Cascade));
        builder.Navigation(a => a.BodyAreas).HasField("_bodyAreas").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(a => a.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(a => new { a.ProviderId, a.StartsAt });
        builder.HasIndex(a => new { a.ClientId, a.StartsAt });
        builder.HasIndex(a => a.StartsAt);

        // The lapse job looks for held bookings past their hold: a small partial index, whatever the history's length.
        builder.HasIndex(a => a.HeldUntil).HasFilter("status = 'Held'").HasDatabaseName("ix_appointments_held_until_held");
        builder.HasIndex(a => a.BookingDraftId).IsUnique().HasFilter("booking_draft_id IS NOT NULL");
        builder.HasOne<Domain.Intake.Screening>().WithMany().HasForeignKey(a => a.ScreeningId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Intake.ConsentSignature>().WithMany().HasForeignKey(a => a.ConsentSignatureId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_appointments_ends_after_start", "ends_at > starts_at");
            t.HasCheckConstraint("ck_appointments_blocked_until", "blocked_until >= ends_at");
            t.HasCheckConstraint("ck_appointments_price_at_booking", "price_at_booking >= 0");
            t.HasCheckConstraint("ck_appointments_held_until", "status <> 'Held' OR held_until IS NOT NULL");
        });
    }
}
