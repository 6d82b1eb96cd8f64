using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class AppointmentEventConfiguration : IEntityTypeConfiguration<AppointmentEvent>
{
    public void Configure(EntityTypeBuilder<AppointmentEvent> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.What).HasMaxLength(FieldLengths.Description);
        builder.Property(e => e.ByName).HasMaxLength(FieldLengths.PersonName);
        builder.HasOne<Appointment>().WithMany(a => a.History).HasForeignKey(e => e.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.AppointmentId, e.At });
    }
}
