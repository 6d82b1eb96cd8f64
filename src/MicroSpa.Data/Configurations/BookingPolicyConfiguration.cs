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
        builder.ToTable(t => t.HasCheckConstraint("ck_booking_policies_single_row", "id = 1"));

        // Every clinic starts with the defaults of the product brief (2 h notice, 60 days, 24 h cutoff).
        builder.HasData(BookingPolicy.Default());
    }
}
