using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class BookingDraftConfiguration : IEntityTypeConfiguration<BookingDraft>
{
    public void Configure(EntityTypeBuilder<BookingDraft> builder)
    {
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.PrimitiveCollection(d => d.AreaIds).HasField("_areaIds").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(d => d.IsBooked);
        builder.Ignore(d => d.ReadyToConfirm);
        builder.HasOne<Client>().WithMany().HasForeignKey(d => d.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Service>().WithMany().HasForeignKey(d => d.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.ClientId);
        builder.HasOne<Domain.Wallet.PackageVersion>().WithMany().HasForeignKey(d => d.SeriesVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
