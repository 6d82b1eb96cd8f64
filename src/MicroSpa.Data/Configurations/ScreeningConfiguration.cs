using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroSpa.Data.Configurations;

internal sealed class ScreeningConfiguration : IEntityTypeConfiguration<Screening>
{
    public void Configure(EntityTypeBuilder<Screening> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Client>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(s => s.Answers, answers => answers.ToJson("answers"));
        builder.Navigation(s => s.Answers).HasField("_answers").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(s => new { s.ClientId, s.AnsweredAt });

        // The version the client was shown: its wording and outcomes stay as they were (versions are never edited).
        builder.HasOne<ScreeningQuestionnaire>().WithMany().HasForeignKey(s => s.QuestionnaireVersion).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// One row per published version, its questions as JSON in the order asked. Version 1 (the questions of
/// DOMAIN.md) is inserted by the migration that made the table; the app's database role may not update or
/// delete a version (<see cref="DatabaseRoles"/>).
/// </summary>
internal sealed class ScreeningQuestionnaireConfiguration : IEntityTypeConfiguration<ScreeningQuestionnaire>
{
    public void Configure(EntityTypeBuilder<ScreeningQuestionnaire> builder)
    {
        builder.HasKey(q => q.Version);
        builder.Property(q => q.Version).ValueGeneratedNever();
        builder.Property(q => q.PublishedByName).HasMaxLength(Domain.FieldLengths.Email);
        builder.OwnsMany(q => q.Questions, questions =>
        {
            questions.ToJson("questions");
            questions.Property(q => q.Severity).HasConversion<string>();
            questions.Property(q => q.WashoutUnit).HasConversion<string>();
        });
        builder.Navigation(q => q.Questions).HasField("_questions").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
