using MicroSpa.Domain;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Treatments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class PhotoConfiguration : IEntityTypeConfiguration<Photo>
{
    public void Configure(EntityTypeBuilder<Photo> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.AreaName).HasMaxLength(FieldLengths.ShortName);
        builder.Property(p => p.ContentType).HasMaxLength(20);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.UploadedByName).HasMaxLength(FieldLengths.Email);
        builder.HasIndex(p => new { p.ClientId, p.BodyAreaId, p.TakenAt });
        builder.HasOne<TreatmentRecord>().WithMany().HasForeignKey(p => p.TreatmentRecordId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PhotoContentConfiguration : IEntityTypeConfiguration<PhotoContent>
{
    public void Configure(EntityTypeBuilder<PhotoContent> builder)
    {
        builder.ToTable("photo_contents");
        builder.HasKey(c => c.PhotoId);
        builder.HasOne<Photo>().WithOne().HasForeignKey<PhotoContent>(c => c.PhotoId).OnDelete(DeleteBehavior.Cascade);
    }
}
