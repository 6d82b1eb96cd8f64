using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class ExtraShiftConfiguration : IEntityTypeConfiguration<ExtraShift>
{
    public void Configure(EntityTypeBuilder<ExtraShift> builder)
    {
        builder.ToTable("extra_shifts", t => t.HasCheckConstraint("ck_extra_shifts_ends_after_start", "\"end\" > start"));
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasOne<Provider>().WithMany().HasForeignKey(e => e.ProviderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.ProviderId, e.Date });
    }
}

internal sealed class OutOfServiceConfiguration : IEntityTypeConfiguration<OutOfService>
{
    public void Configure(EntityTypeBuilder<OutOfService> builder)
    {
        builder.ToTable("out_of_service", t =>
        {
            t.HasCheckConstraint("ck_out_of_service_ends_after_start", "ends_at > starts_at");
            t.HasCheckConstraint("ck_out_of_service_one_resource", "(room_id IS NULL) <> (device_id IS NULL)");
        });
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Reason).HasMaxLength(FieldLengths.ShortName);
        builder.Ignore(o => o.ResourceId);
        builder.HasOne<Room>().WithMany().HasForeignKey(o => o.RoomId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Device>().WithMany().HasForeignKey(o => o.DeviceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => new { o.RoomId, o.StartsAt });
        builder.HasIndex(o => new { o.DeviceId, o.StartsAt });
    }
}
