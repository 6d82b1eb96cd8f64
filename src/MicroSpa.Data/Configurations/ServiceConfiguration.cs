using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(FieldLengths.ShortName);
        builder.Property(s => s.Description).HasMaxLength(FieldLengths.Description);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Price).HasPrecision(10, 2);
        builder.Property(s => s.DepositKind).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.DepositValue).HasPrecision(10, 2);
        builder.Ignore(s => s.Deposit);
        builder.Ignore(s => s.Duration);
        builder.Ignore(s => s.BufferAfter);
        builder.Ignore(s => s.NeedsDevice);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.HasMany(s => s.BodyAreas).WithMany().UsingEntity(
            "service_body_areas",
            r => r.HasOne(typeof(Domain.Treatments.BodyArea)).WithMany().HasForeignKey("body_area_id").OnDelete(DeleteBehavior.Restrict),
            l => l.HasOne(typeof(Service)).WithMany().HasForeignKey("service_id").OnDelete(DeleteBehavior.Cascade));
        builder.Navigation(s => s.BodyAreas).HasField("_bodyAreas").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_services_duration", "duration_minutes BETWEEN 15 AND 480");
            t.HasCheckConstraint("ck_services_buffer", "buffer_after_minutes BETWEEN 0 AND 120");
            t.HasCheckConstraint("ck_services_price", "price >= 0");
            t.HasCheckConstraint("ck_services_deposit",
                "(deposit_kind = 'None' AND deposit_value = 0) OR (deposit_kind = 'Fixed' AND deposit_value > 0)"
                + " OR (deposit_kind = 'Percent' AND deposit_value > 0 AND deposit_value <= 100)");
        });
    }
}
