using MicroSpa.Domain;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class TreatmentRecordConfiguration : IEntityTypeConfiguration<TreatmentRecord>
{
    public void Configure(EntityTypeBuilder<TreatmentRecord> builder)
    {
        builder.ToTable("treatment_records");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.PrimitiveCollection(r => r.Indications).HasField("_indications").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.PrimitiveCollection(r => r.RecommendedAreaIds).HasField("_recommendedAreaIds").UsePropertyAccessMode(PropertyAccessMode.Field);

        // Charts from before consultation records were all needling charts.
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20).HasDefaultValue(ServiceKind.Treatment).HasSentinel((ServiceKind)0);
        builder.Property(r => r.Findings).HasMaxLength(FieldLengths.Note);
        builder.Property(r => r.RecommendedPlan).HasMaxLength(FieldLengths.Note);
        builder.Property(r => r.RecommendedIndication).HasConversion<string>().HasMaxLength(30);
        builder.HasOne<Service>().WithMany().HasForeignKey(r => r.RecommendedServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(r => r.RecommendsASeries);
        builder.Ignore(r => r.IsConsultation);
        builder.Property(r => r.SkinType).HasConversion<string>().HasMaxLength(4);
        builder.Property(r => r.SkinNotes).HasMaxLength(FieldLengths.Note);
        builder.Property(r => r.NumbingAgent).HasMaxLength(FieldLengths.ShortName);
        builder.Property(r => r.CartridgeLot).HasMaxLength(FieldLengths.ShortName);
        builder.Property(r => r.Notes).HasMaxLength(FieldLengths.Note);
        builder.Property(r => r.NoPhotosReason).HasMaxLength(FieldLengths.Description);
        builder.Property(r => r.SignedByName).HasMaxLength(FieldLengths.Email);
        builder.Property(r => r.CoSignedByName).HasMaxLength(FieldLengths.Email);
        builder.HasIndex(r => r.AwaitingCoSignature).HasFilter("awaiting_co_signature");
        builder.Property(r => r.Version).IsRowVersion();
        builder.Ignore(r => r.IsSigned);
        builder.Ignore(r => r.DeepestMm);

        // One chart per appointment: opening it twice (two tablets) finds the same chart.
        builder.HasIndex(r => r.AppointmentId).IsUnique();
        builder.HasIndex(r => new { r.ClientId, r.CreatedAt });
        builder.HasIndex(r => r.CartridgeLot);

        // The day-3 check-in looks for charts signed three to seven days ago, every round on every instance.
        builder.HasIndex(r => r.SignedAt);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(r => r.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Client>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Provider>().WithMany().HasForeignKey(r => r.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Device>().WithMany().HasForeignKey(r => r.DeviceId).OnDelete(DeleteBehavior.Restrict);

        builder.OwnsMany(r => r.Areas, area =>
        {
            area.ToTable("charted_areas");
            area.WithOwner().HasForeignKey("TreatmentRecordId");
            area.Property<int>("Id");
            area.HasKey("Id");
            area.Property(a => a.AreaName).HasMaxLength(FieldLengths.ShortName);
            area.Property(a => a.DepthMm).HasPrecision(4, 2);
            area.Property(a => a.ProductName).HasMaxLength(FieldLengths.ShortName);
            area.Property(a => a.ProductLot).HasMaxLength(FieldLengths.ShortName);
            area.Property(a => a.Endpoint).HasConversion<string>().HasMaxLength(20);
            area.Property(a => a.Reaction).HasMaxLength(FieldLengths.Description);
            area.Property(a => a.WarningReason).HasMaxLength(FieldLengths.Description);
            area.Property(a => a.RulesAtSigning).HasMaxLength(FieldLengths.Note);
            area.HasIndex(a => a.ProductLot);
            area.HasOne<BodyArea>().WithMany().HasForeignKey(a => a.BodyAreaId).OnDelete(DeleteBehavior.Restrict);
            area.HasOne<Product>().WithMany().HasForeignKey(a => a.ProductId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Navigation(r => r.Areas).HasField("_areas").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(r => r.Addenda).WithOne().HasForeignKey(a => a.TreatmentRecordId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(r => r.Addenda).HasField("_addenda").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ChartAddendumConfiguration : IEntityTypeConfiguration<ChartAddendum>
{
    public void Configure(EntityTypeBuilder<ChartAddendum> builder)
    {
        builder.ToTable("chart_addenda");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Text).HasMaxLength(FieldLengths.Note);
        builder.Property(a => a.ByName).HasMaxLength(FieldLengths.Email);
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(FieldLengths.ShortName);
        builder.Property(p => p.Purpose).HasMaxLength(FieldLengths.ShortName);
    }
}

internal sealed class AftercareTemplateItemConfiguration : IEntityTypeConfiguration<AftercareTemplateItem>
{
    public void Configure(EntityTypeBuilder<AftercareTemplateItem> builder)
    {
        builder.ToTable("aftercare_template_items");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Text).HasMaxLength(FieldLengths.Description);
        builder.Property(t => t.DeeperThanMm).HasPrecision(4, 2);

        // DOMAIN.md "Aftercare defaults": every clinic starts with these lines and edits them.
        builder.HasData(Defaults().Select((d, i) => new
        {
            Id = Guid.Parse($"0a5e0000-0000-7000-8000-{i + 1:000000000000}"), d.Kind, d.Text, d.Hours, d.DeeperThanMm, d.ExtraHoursWhenDeeper,
            d.ExtraHoursOnBody, SortOrder = i + 1, Active = true,
        }));
    }

    private static IEnumerable<(AftercareKind Kind, string Text, int? Hours, decimal? DeeperThanMm, int ExtraHoursWhenDeeper, int ExtraHoursOnBody)> Defaults() =>
    [
        (AftercareKind.Expect, "Redness like a sunburn for 24–48 hours; it is rarely visible after 3 days.", null, null, 0, 0),
        (AftercareKind.Expect, "Some swelling for a few hours; it can peak on day 2.", null, null, 0, 0),
        (AftercareKind.Expect, "Pinpoint scabs or light bruising can last up to 7–10 days. Do not pick them.", null, null, 0, 0),
        (AftercareKind.Do, "Water only on the treated skin until {until}; after 6–8 hours a plain hyaluronic acid serum is fine.", 24, null, 0, 0),
        (AftercareKind.Do, "SPF 30+ mineral sunscreen every day until {until}.", 336, null, 0, 0),
        (AftercareKind.Do, "Back to your usual skincare from {until}.", 168, 1.5m, 72, 0),
        (AftercareKind.Avoid, "No makeup until {until}.", 24, null, 0, 0),
        (AftercareKind.Avoid, "No direct sun until {until}; strictly none today.", 72, null, 0, 0),
        (AftercareKind.Avoid, "No sweaty exercise, sauna or hot tub until {until}.", 72, 1.5m, 24, 24),
        (AftercareKind.Avoid, "No swimming in chlorinated pools until {until}.", 120, null, 0, 0),
        (AftercareKind.Avoid, "No retinoids, acids, vitamin C or exfoliants until {until}.", 168, 1.5m, 72, 0),
        (AftercareKind.Avoid, "No Botox or filler until {until}.", 336, null, 0, 0),
        (AftercareKind.CallIf, "Redness, warmth or pain that increases instead of fading.", null, null, 0, 0),
        (AftercareKind.CallIf, "Pus, fever or chills.", null, null, 0, 0),
        (AftercareKind.CallIf, "A cold sore, or new itchy or tender red bumps 3–7 days later.", null, null, 0, 0),
        (AftercareKind.CallIf, "Darkening pigment, or dizziness or a racing heart after the numbing cream.", null, null, 0, 0),
    ];
}

internal sealed class AftercarePlanConfiguration : IEntityTypeConfiguration<AftercarePlan>
{
    public void Configure(EntityTypeBuilder<AftercarePlan> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasIndex(p => p.TreatmentRecordId).IsUnique();
        builder.HasIndex(p => p.ClientId);
        builder.HasOne<TreatmentRecord>().WithMany().HasForeignKey(p => p.TreatmentRecordId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(p => p.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Client>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Restrict);

        // The plan's lines with their concrete dates, as the client received them.
        builder.OwnsMany(p => p.Items, items =>
        {
            items.ToJson("items");
            items.Property(i => i.Kind).HasConversion<string>();
        });
        builder.Navigation(p => p.Items).HasField("_items").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.UserName).HasMaxLength(FieldLengths.Email);
        builder.Property(a => a.Action).HasMaxLength(AuditEntry.ActionLength);
        builder.Property(a => a.Detail).HasMaxLength(AuditEntry.DetailLength);
        builder.Property(a => a.FromAddress).HasMaxLength(AuditEntry.AddressLength);
        builder.HasIndex(a => new { a.ClientId, a.At });
        builder.HasIndex(a => new { a.UserId, a.At });
        builder.HasIndex(a => a.At);
    }
}
