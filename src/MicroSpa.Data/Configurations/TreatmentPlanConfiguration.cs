using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class TreatmentPlanConfiguration : IEntityTypeConfiguration<TreatmentPlan>
{
    public void Configure(EntityTypeBuilder<TreatmentPlan> builder)
    {
        builder.ToTable("treatment_plans");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Indication).HasConversion<string>().HasMaxLength(30);
        builder.PrimitiveCollection(p => p.AreaIds).HasField("_areaIds").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<Client>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Provider>().WithMany().HasForeignKey(p => p.CreatedByProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Service>().WithMany().HasForeignKey(p => p.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.EndReason).HasMaxLength(TreatmentPlan.EndReasonLength);
        builder.HasIndex(p => p.ClientId);

        // A consultation starts one plan at most (a second click finds the first).
        builder.HasIndex(p => p.ConsultationRecordId).IsUnique();
        builder.HasOne<TreatmentRecord>().WithMany().HasForeignKey(p => p.ConsultationRecordId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanSessionConfiguration : IEntityTypeConfiguration<PlanSession>
{
    public void Configure(EntityTypeBuilder<PlanSession> builder)
    {
        builder.ToTable("plan_sessions");
        builder.HasKey(s => new { s.PlanId, s.TreatmentRecordId });

        // A session counts in one plan at most.
        builder.HasIndex(s => s.TreatmentRecordId).IsUnique();
        builder.HasOne<TreatmentPlan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<TreatmentRecord>().WithMany().HasForeignKey(s => s.TreatmentRecordId).OnDelete(DeleteBehavior.Restrict);
    }
}
