using MicroSpa.Domain;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class MedicalClearanceConfiguration : IEntityTypeConfiguration<MedicalClearance>
{
    public void Configure(EntityTypeBuilder<MedicalClearance> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Decision).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ExaminerName).HasMaxLength(FieldLengths.PersonName);
        builder.Property(c => c.ExaminerCredential).HasConversion<string>().HasMaxLength(4);
        builder.Property(c => c.ExaminerLicenceState).HasMaxLength(Examiner.LicenceStateLength);
        builder.Property(c => c.Mode).HasConversion<string>().HasMaxLength(20);
        builder.PrimitiveCollection(c => c.ServiceIds).HasField("_serviceIds").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property(c => c.Indications).HasMaxLength(FieldLengths.Description);
        builder.Property(c => c.Contraindications).HasMaxLength(FieldLengths.Description);
        builder.Property(c => c.DeclineReason).HasMaxLength(FieldLengths.Description);
        builder.Property(c => c.RecordedByName).HasMaxLength(FieldLengths.PersonName * 2 + 1);
        builder.Ignore(c => c.IsVoided);
        builder.HasOne<Client>().WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Screening>().WithMany().HasForeignKey(c => c.VoidedByScreeningId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ClientId, c.RecordedAt });
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_medical_clearances_decision",
                "(decision = 'Cleared' AND expires_on > examined_on AND cardinality(service_ids) > 0) OR (decision = 'Declined' AND expires_on IS NULL AND decline_reason IS NOT NULL)");
            t.HasCheckConstraint("ck_medical_clearances_examiner", "examiner_user_id IS NOT NULL OR examiner_licence_state IS NOT NULL");
        });
    }
}
