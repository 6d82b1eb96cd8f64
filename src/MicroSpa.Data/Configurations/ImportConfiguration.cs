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
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
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

/// <summary>A confirmed import and its counts.</summary>
internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.SourceName).HasMaxLength(FieldLengths.ShortName);
        builder.Property(b => b.SourceKey).HasMaxLength(FieldLengths.ShortName);
        builder.Property(b => b.FileName).HasMaxLength(FieldLengths.ShortName * 2);
        builder.Property(b => b.ContentHash).HasMaxLength(64).IsFixedLength();
        builder.Property(b => b.ConfirmedByName).HasMaxLength(FieldLengths.Email);
        builder.Property(b => b.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(b => b.IsUndone);
        builder.Ignore(b => b.UndoNotes);
        builder.Property<string[]>("_undoNotes").HasColumnName("undo_notes");
        builder.HasIndex(b => b.ConfirmedAt);
        builder.HasIndex(b => b.UploadId).IsUnique();
    }
}

/// <summary>A row a batch imported: one per source and row identity, so the same row imported again is found.</summary>
internal sealed class ImportedRowConfiguration : IEntityTypeConfiguration<ImportedRow>
{
    public void Configure(EntityTypeBuilder<ImportedRow> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.SourceKey).HasMaxLength(FieldLengths.ShortName);
        builder.Property(r => r.RowKey).HasMaxLength(FieldLengths.ShortName + 8);
        builder.Property(r => r.PreviousEmail).HasMaxLength(FieldLengths.Email);
        builder.Property(r => r.PreviousPhone).HasMaxLength(FieldLengths.Phone);
        builder.Property(r => r.PreviousNotes).HasMaxLength(FieldLengths.Note);
        builder.Property(r => r.ContentHash).HasMaxLength(64).IsFixedLength();
        builder.Property(r => r.ImportedEmail).HasMaxLength(FieldLengths.Email);
        builder.Property(r => r.ImportedPhone).HasMaxLength(FieldLengths.Phone);
        builder.Property(r => r.ImportedNotes).HasMaxLength(FieldLengths.Note);
        builder.Ignore(r => r.Previous);
        builder.Ignore(r => r.Imported);
        builder.HasIndex(r => new { r.SourceKey, r.RowKey }).IsUnique();
        builder.HasIndex(r => r.BatchId);
        builder.HasIndex(r => r.ClientId);
        builder.HasOne<ImportBatch>().WithMany().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Domain.Clients.Client>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>An appointment a batch imported: one per source and row identity (decision 056); gone with its appointment.</summary>
internal sealed class ImportedAppointmentConfiguration : IEntityTypeConfiguration<ImportedAppointment>
{
    public void Configure(EntityTypeBuilder<ImportedAppointment> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.SourceKey).HasMaxLength(FieldLengths.ShortName);
        builder.Property(r => r.RowKey).HasMaxLength(FieldLengths.ShortName + 8);
        builder.HasIndex(r => new { r.SourceKey, r.RowKey }).IsUnique();
        builder.HasIndex(r => r.BatchId);
        builder.HasIndex(r => r.AppointmentId).IsUnique();
        builder.HasOne<ImportBatch>().WithMany().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Domain.Scheduling.Appointment>().WithMany().HasForeignKey(r => r.AppointmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A source's name for a service or provider, mapped to the clinic's: one per source, kind and name.</summary>
internal sealed class ImportNameMapConfiguration : IEntityTypeConfiguration<ImportNameMap>
{
    public void Configure(EntityTypeBuilder<ImportNameMap> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.SourceKey).HasMaxLength(FieldLengths.ShortName);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Name).HasMaxLength(FieldLengths.ShortName * 2);
        builder.Property(m => m.NameKey).HasMaxLength(FieldLengths.ShortName * 2);
        builder.HasIndex(m => new { m.SourceKey, m.Kind, m.NameKey }).IsUnique();
    }
}
