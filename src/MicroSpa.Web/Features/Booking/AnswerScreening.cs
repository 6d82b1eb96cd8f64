using MicroSpa.Data;
using MicroSpa.Domain.Intake;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Booking;

/// <summary>The client answers the health screening for a booking (<see cref="Shared.ScreeningAnswers"/>), or confirms nothing has changed.</summary>
public static class AnswerScreening
{
    public sealed record Result(bool Found, ScreeningOutcome? Outcome, IReadOnlyList<ScreeningQuestion> Reasons)
    {
        /// <summary>"Nothing has changed" was asked of a screening that cannot be reused (old, a hard stop, other questions): answer the questions.</summary>
        public bool AnswerAgain { get; init; }
    }

    public sealed class Handler(
        MicroSpaDbContext db, CurrentClient currentClient, Shared.ClinicalAudit audit, Shared.ClearanceVoiding voiding, Shared.ScreeningForms forms,
        TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Result> HandleAsync(Guid draftId, Shared.ScreeningAnswers command, CancellationToken cancellationToken)
        {
            var (draft, _) = await LoadAsync(draftId, cancellationToken);
            if (draft is null)
            {
                return new Result(false, null, []);
            }

            var questions = await forms.CurrentAsync(cancellationToken);
            var screening = Screening.Record(draft.ClientId, questions, command.Answers, clock.GetUtcNow());
            return await ApplyAsync(draft, screening, questions, cancellationToken);
        }

        public async Task<Result> ConfirmUnchangedAsync(Guid draftId, CancellationToken cancellationToken)
        {
            var (draft, policy) = await LoadAsync(draftId, cancellationToken);
            if (draft is null)
            {
                return new Result(false, null, []);
            }

            var questions = await forms.CurrentAsync(cancellationToken);
            var previous = await db.Screenings.AsNoTracking().Where(s => s.ClientId == draft.ClientId)
                .OrderByDescending(s => s.AnsweredAt).FirstOrDefaultAsync(cancellationToken);
            if (previous is null || !previous.CanBeConfirmedUnchanged(clock.GetUtcNow(), policy.ScreeningValidDays, questions.Version))
            {
                return new Result(true, null, []) { AnswerAgain = true };
            }

            var screening = previous.ConfirmUnchanged(clock.GetUtcNow(), policy.ScreeningValidDays, questions.Version);
            return await ApplyAsync(draft, screening, questions, cancellationToken);
        }

        private async Task<Result> ApplyAsync(Domain.Scheduling.BookingDraft draft, Screening screening, ScreeningQuestionnaire shown, CancellationToken cancellationToken)
        {
            // The answers are kept whatever they say: a dated record of what the client told the clinic.
            db.Screenings.Add(screening);
            audit.Add(screening.ClientId, Shared.ClinicalAudit.ScreeningAnswer, screening.Id);
            await voiding.VoidByAsync(screening, cancellationToken);
            if (screening.Outcome != ScreeningOutcome.HardStop)
            {
                draft.RecordScreening(screening);
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Screening {ScreeningId} recorded for draft {DraftId}", screening.Id, draft.Id);
            var reasons = screening.Outcome switch
            {
                ScreeningOutcome.HardStop => screening.Flags(shown, ScreeningSeverity.HardStop),
                ScreeningOutcome.NeedsReview => screening.Flags(shown, ScreeningSeverity.NeedsReview),
                _ => [],
            };
            return new Result(true, screening.Outcome, reasons);
        }

        private async Task<(Domain.Scheduling.BookingDraft? Draft, Domain.Scheduling.BookingPolicy Policy)> LoadAsync(Guid draftId, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.RequiredIdAsync(cancellationToken);
            var draft = await db.BookingDrafts.SingleOrDefaultAsync(d => d.Id == draftId && d.ClientId == clientId && d.AppointmentId == null, cancellationToken);
            var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);
            return (draft, policy);
        }
    }
}
