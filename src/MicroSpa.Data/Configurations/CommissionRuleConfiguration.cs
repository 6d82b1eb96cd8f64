using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

/// <remarks>Insert-only for the app's role (a new rate is a new rule, decision 058): <see cref="DatabaseRoles"/> revokes UPDATE and DELETE.</remarks>
internal sealed class CommissionRuleConfiguration : IEntityTypeConfiguration<CommissionRule>
{
    public void Configure(EntityTypeBuilder<CommissionRule> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.ServicesPercent).HasPrecision(5, 2);
        builder.Property(r => r.RetailPercent).HasPrecision(5, 2);
        builder.HasOne<Provider>().WithMany().HasForeignKey(r => r.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.ProviderId, r.EffectiveFrom, r.CreatedAt });
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_commission_rules_percents",
                "services_percent BETWEEN 0 AND 100 AND retail_percent BETWEEN 0 AND 100 AND effective_from BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'");
        });
    }
}
