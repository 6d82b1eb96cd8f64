using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class BookingPolicyConfiguration : IEntityTypeConfiguration<BookingPolicy>
{
    public void Configure(EntityTypeBuilder<BookingPolicy> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Ignore(p => p.MinimumNotice);
        builder.Ignore(p => p.CancellationCutoff);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_booking_policies_single_row", "id = 1");
            t.HasCheckConstraint("ck_booking_policies_check_in_window",
                $"check_in_opens_minutes_before BETWEEN 0 AND {BookingPolicy.LongestCheckInWindowMinutes}");
            t.HasCheckConstraint("ck_booking_policies_before_photos_per_area",
                $"before_photos_per_area BETWEEN 0 AND {Domain.Treatments.BeforePhotos.MaxPerArea}");
            t.HasCheckConstraint("ck_booking_policies_clearance_valid_months",
                $"clearance_valid_months BETWEEN 1 AND {Domain.Intake.MedicalClearance.MaxValidMonths}");
        });

        // Every clinic starts with the defaults of the product brief (2 h notice, 60 days, 24 h cutoff).
        builder.HasData(BookingPolicy.Default());

        // Open every day 08:00–20:00 until the Admin sets the clinic's real hours.
        builder.OwnsMany(p => p.OpeningHours, hours =>
        {
            hours.ToTable("opening_hours");
            hours.WithOwner().HasForeignKey("BookingPolicyId");
            hours.Property<int>("Id");
            hours.HasKey("Id");
            hours.Property(h => h.Day).HasConversion<string>().HasMaxLength(10);
            hours.HasData(Enum.GetValues<DayOfWeek>().Select(day => new
            {
                Id = (int)day + 1, BookingPolicyId = BookingPolicy.SingletonId, Day = day, Start = new TimeOnly(8, 0), End = new TimeOnly(20, 0),
            }));
        });
        builder.Navigation(p => p.OpeningHours).HasField("_openingHours").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
