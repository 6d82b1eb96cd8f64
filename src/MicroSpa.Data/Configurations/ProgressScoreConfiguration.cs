using MicroSpa.Domain;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Treatments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class ProgressScoreConfiguration : IEntityTypeConfiguration<ProgressScore>
{
    public void Configure(EntityTypeBuilder<ProgressScore> builder)
    {
        builder.ToTable("progress_scores", t =>
        {
            t.HasCheckConstraint("ck_progress_scores_provider_score", "provider_score BETWEEN 1 AND 5");
            t.HasCheckConstraint("ck_progress_scores_client_rating", "client_rating BETWEEN 1 AND 5");
        });
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.AreaName).HasMaxLength(FieldLengths.ShortName);
        builder.Property(p => p.Scale).HasConversion<string>().HasMaxLength(20);

        // One score per area per session.
        builder.HasIndex(p => new { p.TreatmentRecordId, p.BodyAreaId }).IsUnique();
        builder.HasIndex(p => new { p.ClientId, p.BodyAreaId });
        builder.HasOne<TreatmentRecord>().WithMany().HasForeignKey(p => p.TreatmentRecordId).OnDelete(DeleteBehavior.Restrict);
    }
}
