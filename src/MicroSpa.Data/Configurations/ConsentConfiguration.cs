using MicroSpa.Domain;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class ConsentFormConfiguration : IEntityTypeConfiguration<ConsentForm>
{
    public void Configure(EntityTypeBuilder<ConsentForm> builder)
    {
        builder.HasKey(f => f.Version);
        builder.Property(f => f.Version).ValueGeneratedNever();
        builder.Property(f => f.Title).HasMaxLength(FieldLengths.ShortName);
        builder.Property(f => f.PublishedByName).HasMaxLength(FieldLengths.Email);
        builder.HasData(ConsentTexts.Version1);
    }
}

internal sealed class ConsentSignatureConfiguration : IEntityTypeConfiguration<ConsentSignature>
{
    public void Configure(EntityTypeBuilder<ConsentSignature> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.TypedName).HasMaxLength(FieldLengths.PersonName * 2 + 1);
        builder.Property(s => s.IpAddress).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(ConsentSignature.MaxUserAgentLength);
        builder.HasOne<Client>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ConsentForm>().WithMany().HasForeignKey(s => s.FormVersion).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.ClientId, s.SignedAt });
    }
}
