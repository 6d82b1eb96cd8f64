using MicroSpa.Data;
using MicroSpa.Domain.Intake;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// The screening questions as the medical director published them (decision 027): the current version for
/// whoever asks them (online booking, the check-in tablet), and the version a given screening was answered
/// on for whoever reads its answers (the chart, the clearance queue), so old answers keep their old wording.
/// </summary>
public sealed class ScreeningForms(MicroSpaDbContext db)
{
    public Task<ScreeningQuestionnaire> CurrentAsync(CancellationToken cancellationToken) =>
        db.ScreeningQuestionnaires.AsNoTracking().OrderByDescending(q => q.Version).FirstAsync(cancellationToken);

    public Task<int> CurrentVersionAsync(CancellationToken cancellationToken) =>
        db.ScreeningQuestionnaires.AsNoTracking().MaxAsync(q => q.Version, cancellationToken);

    /// <summary>The version the client was shown when answering this screening.</summary>
    public Task<ScreeningQuestionnaire> ShownAsync(Screening screening, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(screening);
        return db.ScreeningQuestionnaires.AsNoTracking().SingleAsync(q => q.Version == screening.QuestionnaireVersion, cancellationToken);
    }

    /// <summary>The hard stops, then the questions for review, answered "yes" in this screening, worded as the client read them.</summary>
    public async Task<IReadOnlyList<ScreeningQuestion>> FlagsAsync(Screening screening, CancellationToken cancellationToken)
    {
        var shown = await ShownAsync(screening, cancellationToken);
        return [.. screening.Flags(shown, ScreeningSeverity.HardStop), .. screening.Flags(shown, ScreeningSeverity.NeedsReview)];
    }
}
