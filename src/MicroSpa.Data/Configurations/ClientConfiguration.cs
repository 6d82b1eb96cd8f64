using MicroSpa.Domain;
using MicroSpa.Domain.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.FirstName).HasMaxLength(FieldLengths.PersonName);
        builder.Property(c => c.LastName).HasMaxLength(FieldLengths.PersonName);
        builder.Property(c => c.Email).HasMaxLength(FieldLengths.Email);
        builder.Property(c => c.Phone).HasMaxLength(FieldLengths.Phone);
        builder.Ignore(c => c.FullName);
        builder.HasIndex(c => c.Email);
        builder.HasIndex(c => c.UserId).IsUnique().HasFilter("user_id IS NOT NULL");
    }
}
