using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class PolicyAcceptanceConfiguration : IEntityTypeConfiguration<PolicyAcceptance>
{
    public void Configure(EntityTypeBuilder<PolicyAcceptance> builder)
    {
        builder.ToTable("policy_acceptances");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Asked).HasMaxLength(PolicyAcceptance.AskedLength);
        builder.Property(a => a.Address).HasMaxLength(PolicyAcceptance.AddressLength);
        builder.Property(a => a.UserAgent).HasMaxLength(PolicyAcceptance.UserAgentLength);
        builder.HasOne<Client>().WithMany().HasForeignKey(a => a.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(a => a.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.AppointmentId);
        builder.HasOne<PaymentPolicyText>().WithMany().HasForeignKey(a => a.PolicyVersion).OnDelete(DeleteBehavior.Restrict);
    }
}
