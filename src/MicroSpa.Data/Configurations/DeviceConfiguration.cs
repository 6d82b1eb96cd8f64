using MicroSpa.Domain;
using MicroSpa.Domain.Treatments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> builder)
    {
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Name).HasMaxLength(FieldLengths.ShortName);
        builder.Property(d => d.Model).HasMaxLength(FieldLengths.ShortName);
        builder.Property(d => d.Class).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.MaxDepthMm).HasPrecision(4, 2);
        builder.Property(d => d.DepthStepMm).HasPrecision(4, 2);
        builder.HasIndex(d => d.Name).IsUnique();
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_devices_depth_step", "depth_step_mm > 0 AND depth_step_mm <= 1");
            t.HasCheckConstraint("ck_devices_max_depth", "max_depth_mm > 0 AND max_depth_mm <= 3");
        });
    }
}
