using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.DisplayName).HasMaxLength(FieldLengths.PersonName);
        builder.Property(p => p.Credential).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(p => p.UserId).IsUnique().HasFilter("user_id IS NOT NULL");
        builder.OwnsMany(p => p.WorkingHours, hours =>
        {
            hours.ToTable("provider_working_hours");
            hours.WithOwner().HasForeignKey("ProviderId");
            hours.Property<int>("Id");
            hours.HasKey("Id");
            hours.Property(h => h.Day).HasConversion<string>().HasMaxLength(10);
        });
        builder.Navigation(p => p.WorkingHours).HasField("_workingHours").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
