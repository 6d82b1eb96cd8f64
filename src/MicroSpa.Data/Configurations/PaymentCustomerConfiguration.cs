using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class PaymentCustomerConfiguration : IEntityTypeConfiguration<PaymentCustomer>
{
    public void Configure(EntityTypeBuilder<PaymentCustomer> builder)
    {
        builder.ToTable("payment_customers");
        builder.HasKey(c => c.ClientId);
        builder.Property(c => c.ClientId).ValueGeneratedNever();
        builder.Property(c => c.CustomerId).HasMaxLength(ProviderIds.Length);
        builder.HasIndex(c => c.CustomerId).IsUnique();
        builder.HasOne<Client>().WithOne().HasForeignKey<PaymentCustomer>(c => c.ClientId).OnDelete(DeleteBehavior.Restrict);
    }
}
