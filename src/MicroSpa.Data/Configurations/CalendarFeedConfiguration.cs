using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.HasKey(f => f.ProviderId);
        builder.HasOne<Provider>().WithOne().HasForeignKey<CalendarFeed>(f => f.ProviderId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(f => f.Token).HasMaxLength(CalendarFeed.TokenLength);
        builder.HasIndex(f => f.Token).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("ck_calendar_feeds_token_length", $"length(token) = {CalendarFeed.TokenLength}"));
    }
}
