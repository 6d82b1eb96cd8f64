using MicroSpa.Domain;
using MicroSpa.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Key).HasMaxLength(OutboxMessage.KeyLength);
        builder.Property(m => m.Kind).HasMaxLength(40);
        builder.Property(m => m.To).HasMaxLength(FieldLengths.Email);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.LastError).HasMaxLength(200);
        builder.Property(m => m.AttachmentName).HasMaxLength(100);
        builder.Property(m => m.AttachmentContentType).HasMaxLength(100);

        // The same reminder scheduled twice (two app instances, a restart) is stored once.
        builder.HasIndex(m => m.Key).IsUnique();
        builder.HasIndex(m => m.DueAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_outbox_messages_pending_due_at");
    }
}
