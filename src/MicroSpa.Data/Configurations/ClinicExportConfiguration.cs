using MicroSpa.Domain;
using MicroSpa.Domain.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

/// <summary>An export of the whole clinic and its progress (decision 046).</summary>
internal sealed class ClinicExportConfiguration : IEntityTypeConfiguration<ClinicExport>
{
    public void Configure(EntityTypeBuilder<ClinicExport> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.RequestedByName).HasMaxLength(FieldLengths.Email);
        builder.Property(e => e.CurrentFile).HasMaxLength(200);
        builder.Property(e => e.Failure).HasMaxLength(100);
        builder.Ignore(e => e.Percent);
        builder.Ignore(e => e.InProgress);
        builder.HasOne<MicroSpa.Data.Identity.ApplicationUser>().WithMany().HasForeignKey(e => e.RequestedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.Status, e.RequestedAt });
    }
}

/// <summary>The stored pieces of an export's archive, deleted with it.</summary>
internal sealed class ClinicExportPartConfiguration : IEntityTypeConfiguration<ClinicExportPart>
{
    public void Configure(EntityTypeBuilder<ClinicExportPart> builder)
    {
        builder.ToTable("clinic_export_parts");
        builder.HasKey(p => new { p.ExportId, p.Sequence });
        builder.HasOne<ClinicExport>().WithMany().HasForeignKey(p => p.ExportId).OnDelete(DeleteBehavior.Cascade);
    }
}
