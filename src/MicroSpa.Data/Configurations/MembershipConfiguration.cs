using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Memberships;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

/// <remarks>A plan's terms never change once defined (decision 061): only its retirement is written later.</remarks>
internal sealed class MembershipPlanConfiguration : IEntityTypeConfiguration<MembershipPlan>
{
    public void Configure(EntityTypeBuilder<MembershipPlan> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(MembershipPlan.NameLength);
        builder.Property(p => p.MonthlyPrice).HasPrecision(12, 2);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(p => p.ServiceDiscountPercent).HasPrecision(5, 2);
        builder.Property(p => p.RetailDiscountPercent).HasPrecision(5, 2);
        builder.Property(p => p.Collection).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(p => p.Retired);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_membership_plans_terms",
                "monthly_price > 0 AND sessions_per_month BETWEEN 0 AND 10 AND (sessions_per_month = 0) = (cardinality(service_ids) = 0)"
                + " AND service_discount_percent BETWEEN 0 AND 100 AND retail_discount_percent BETWEEN 0 AND 100"
                + " AND pause_months_per_year BETWEEN 0 AND 6 AND cancellation_notice_days BETWEEN 0 AND 90");
        });
    }
}

/// <remarks>One client may hold one membership at a time that has not ended: the handlers check it under the client's lock.</remarks>
internal sealed class MembershipEntityConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Collection).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.MonthlyPrice).HasPrecision(12, 2);
        builder.Property(m => m.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(m => m.StripeCustomerId).HasMaxLength(100);
        builder.Property(m => m.StripeSubscriptionId).HasMaxLength(100);
        builder.Property(m => m.EndReason).HasMaxLength(Membership.ReasonLength);
        builder.HasIndex(m => m.ClientId);
        builder.HasIndex(m => m.StripeSubscriptionId).IsUnique().HasFilter("stripe_subscription_id IS NOT NULL");
        builder.HasOne<Client>().WithMany().HasForeignKey(m => m.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MembershipPlan>().WithMany().HasForeignKey(m => m.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.JoinedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Pauses).WithOne().HasForeignKey(p => p.MembershipId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Pauses).HasField("_pauses").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.ToTable(t => t.HasCheckConstraint("ck_memberships_monthly_price", "monthly_price > 0 AND (ends_on IS NULL OR ends_on >= started_on)"));
    }
}

internal sealed class MembershipPauseConfiguration : IEntityTypeConfiguration<MembershipPause>
{
    public void Configure(EntityTypeBuilder<MembershipPause> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.ByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable("membership_pauses", t => t.HasCheckConstraint("ck_membership_pauses_months", "first_number >= 1 AND months BETWEEN 0 AND planned_months AND planned_months BETWEEN 1 AND 6"));
    }
}

/// <remarks>One row per membership and month: the unique index is what makes a month open once, whichever instance opens it.</remarks>
internal sealed class MembershipPeriodConfiguration : IEntityTypeConfiguration<MembershipPeriod>
{
    public void Configure(EntityTypeBuilder<MembershipPeriod> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Amount).HasPrecision(12, 2);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.StripeInvoiceId).HasMaxLength(MembershipPeriod.StripeIdLength);
        builder.Ignore(p => p.PastDue);
        builder.HasIndex(p => new { p.MembershipId, p.StartsOn }).IsUnique();
        builder.HasIndex(p => new { p.MembershipId, p.Number }).IsUnique();
        builder.HasIndex(p => p.InvoiceLineId).IsUnique().HasFilter("invoice_line_id IS NOT NULL");
        builder.HasOne<Membership>().WithMany().HasForeignKey(p => p.MembershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<InvoiceLine>().WithMany().HasForeignKey(p => p.InvoiceLineId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_membership_periods_dates", "number >= 0 AND ends_on > starts_on AND amount > 0 AND failed_attempts >= 0");
            t.HasCheckConstraint("ck_membership_periods_paid", "(state = 'Paid') = (invoice_line_id IS NOT NULL AND paid_at IS NOT NULL)");
        });
    }
}
