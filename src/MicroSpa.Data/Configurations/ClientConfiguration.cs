using MicroSpa.Domain;
using MicroSpa.Domain.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

public sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    /// <summary>The shadow property holding the searchable text of a client.</summary>
    public const string SearchText = "SearchText";

    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.FirstName).HasMaxLength(FieldLengths.PersonName);
        builder.Property(c => c.LastName).HasMaxLength(FieldLengths.PersonName);
        builder.Property(c => c.Email).HasMaxLength(FieldLengths.Email);
        builder.Property(c => c.Phone).HasMaxLength(FieldLengths.Phone);
        builder.Property(c => c.Notes).HasMaxLength(FieldLengths.Note);
        builder.HasOne<Domain.Scheduling.Provider>().WithMany().HasForeignKey(c => c.PreferredProviderId).OnDelete(DeleteBehavior.SetNull);
        builder.Ignore(c => c.FullName);
        builder.Ignore(c => c.IsMerged);

        // A merged duplicate is a tombstone pointing at the record kept (decision 045).
        builder.HasOne<Client>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.MergedIntoId).HasFilter("merged_into_id IS NOT NULL");
        builder.ToTable(t => t.HasCheckConstraint("ck_clients_merged",
            "(merged_into_id IS NULL) = (merged_at IS NULL) AND (merged_into_id IS NULL OR merged_into_id <> id)"));
        builder.HasIndex(c => c.Email);
        builder.HasIndex(c => c.UserId).IsUnique().HasFilter("user_id IS NOT NULL");
        builder.HasIndex(c => c.PendingUserId).IsUnique().HasFilter("pending_user_id IS NOT NULL");

        // Front desk search by any part of name, email or phone: a lower-cased generated column with a
        // trigram index answers ILIKE '%part%' without scanning tens of thousands of rows.
        builder.Property<string>(SearchText)
            .HasComputedColumnSql("lower(first_name || ' ' || last_name || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))", stored: true);
        builder.HasIndex(SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");

        // The client list opens on the most recently added clients.
        builder.HasIndex(c => c.CreatedAt);
    }
}
