using MicroSpa.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations.Identity;

/// <summary>The roles exist in every database (created by a migration, not by demo seeding).</summary>
internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityRole<Guid>> builder) =>
        builder.HasData(Roles.All.Select((name, index) => new IdentityRole<Guid>
        {
            Id = new Guid($"00000000-0000-0000-0000-00000000000{index + 1}"),
            Name = name,
            NormalizedName = name.ToUpperInvariant(),
            ConcurrencyStamp = $"role-{index + 1}",
        }));
}
