using MicroSpa.Domain;
using MicroSpa.Domain.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

/// <summary>An uploaded file between the import's steps (decision 043): its bytes, header and mapping, its owner, its expiry.</summary>
internal sealed class ImportUploadConfiguration : IEntityTypeConfiguration<ImportUpload>
{
    public void Configure(EntityTypeBuilder<ImportUpload> builder)
    {
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.SourceName).HasMaxLength(FieldLengths.ShortName);
        builder.Property(u => u.FileName).HasMaxLength(FieldLengths.ShortName * 2);
        builder.Property(u => u.ContentHash).HasMaxLength(64).IsFixedLength();
        builder.Property(u => u.Separator).HasMaxLength(1);
        builder.Property(u => u.EncodingName).HasMaxLength(20);
        builder.Ignore(u => u.Headers);
        builder.Ignore(u => u.Fields);
        builder.Property<string[]>("_headers").HasColumnName("headers");
        builder.Property<string[]?>("_fields").HasColumnName("fields");
        builder.HasOne<MicroSpa.Data.Identity.ApplicationUser>().WithMany().HasForeignKey(u => u.OwnerUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(u => u.OwnerUserId);
        builder.HasIndex(u => u.ExpiresAt);
        builder.ToTable(t => t.HasCheckConstraint("ck_import_uploads_fields", "fields IS NULL OR cardinality(fields) = cardinality(headers)"));
    }
}

/// <summary>A system files come from, with the mapping its columns were given last time (JSON).</summary>
internal sealed class ImportSourceConfiguration : IEntityTypeConfiguration<ImportSource>
{
    public void Configure(EntityTypeBuilder<ImportSource> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(FieldLengths.ShortName);
        builder.Property(s => s.NameKey).HasMaxLength(FieldLengths.ShortName);
        builder.HasIndex(s => s.NameKey).IsUnique();
        builder.OwnsMany(s => s.Columns, columns => columns.ToJson("columns"));
        builder.Navigation(s => s.Columns).HasField("_columns").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
