using MicroSpa.Data;
using MicroSpa.Domain.Intake;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.ClinicalSettings;

/// <summary>The screening editor: the current questions to start from, every published version (who, when, how many answered it).</summary>
public static class ScreeningVersions
{
    /// <summary>A published version; PublishedBy is null for version 1 (the questions MicroSpa starts with).</summary>
    public sealed record Version(int Number, DateTime LocalPublishedAt, string? PublishedBy, int Questions, int Screenings);

    public sealed record Result(int Current, IReadOnlyList<Version> Versions)
    {
        public PublishScreening.Command Form { get; init; } = new();
    }

    /// <summary>One version's questions as the clients read them.</summary>
    public sealed record Detail(int Number, DateTime LocalPublishedAt, string? PublishedBy, bool IsCurrent, IReadOnlyList<ScreeningQuestion> Questions);

    public sealed class Handler(MicroSpaDbContext db, Domain.Scheduling.ClinicTimeZone zone)
    {
        public async Task<Result> HandleAsync(CancellationToken cancellationToken)
        {
            var versions = await db.ScreeningQuestionnaires.AsNoTracking().OrderByDescending(q => q.Version).ToListAsync(cancellationToken);
            var answered = await db.Screenings.AsNoTracking().GroupBy(s => s.QuestionnaireVersion)
                .Select(g => new { Version = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Version, g => g.Count, cancellationToken);
            var current = versions[0];
            return new Result(current.Version,
                versions.Select(v => new Version(v.Version, zone.ToLocal(v.PublishedAt), v.PublishedByName, v.Questions.Count, answered.GetValueOrDefault(v.Version)))
                    .ToList())
            {
                Form = new PublishScreening.Command
                {
                    BasedOnVersion = current.Version,
                    Questions =
                    [
                        .. current.Questions.Select(q => new PublishScreening.Row
                        {
                            Code = q.Code, Wording = q.Wording, Severity = q.Severity, Explanation = q.Explanation, WashoutAmount = q.WashoutAmount,
                            WashoutUnit = q.WashoutUnit,
                        }),
                        .. Enumerable.Range(0, PublishScreening.NewRows).Select(_ => new PublishScreening.Row { IsNew = true }),
                    ],
                },
            };
        }

        /// <returns>Null when there is no such version.</returns>
        public async Task<Detail?> VersionAsync(int number, CancellationToken cancellationToken)
        {
            var version = await db.ScreeningQuestionnaires.AsNoTracking().SingleOrDefaultAsync(q => q.Version == number, cancellationToken);
            if (version is null)
            {
                return null;
            }

            var current = await db.ScreeningQuestionnaires.AsNoTracking().MaxAsync(q => q.Version, cancellationToken);
            return new Detail(version.Version, zone.ToLocal(version.PublishedAt), version.PublishedByName, version.Version == current, version.Questions);
        }
    }
}
