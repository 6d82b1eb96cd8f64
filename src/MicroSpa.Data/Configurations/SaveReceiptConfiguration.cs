using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class SaveReceiptConfiguration : IEntityTypeConfiguration<SaveReceipt>
{
    public void Configure(EntityTypeBuilder<SaveReceipt> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => r.SavedAt);
    }
}
