using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Intake;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Booking;

/// <summary>The client answers the health screening for a booking (or confirms nothing has changed).</summary>
public static class AnswerScreening
{
    public sealed class Command
    {
        public Dictionary<string, bool> Answers { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            // Every question needs an answer; the field name matches the radio group so the message shows beside it.
            foreach (var question in ScreeningQuestionnaire.Questions(6))
            {
                RuleFor(c => c.Answers).Must(a => a.ContainsKey(question.Code))
                    .WithName($"Answers[{question.Code}]")
                    .OverridePropertyName($"Answers[{question.Code}]")
                    .WithMessage("Answer yes or no.");
            }
        }
    }

    public sealed record Result(bool Found, ScreeningOutcome? Outcome, IReadOnlyList<ScreeningQuestion> Reasons);

    public sealed class Handler(MicroSpaDbContext db, CurrentClient currentClient, Shared.ClinicalAudit audit, Shared.ClearanceVoiding voiding, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Result> HandleAsync(Guid draftId, Command command, CancellationToken cancellationToken)
        {
            var (draft, policy) = await LoadAsync(draftId, cancellationToken);
            if (draft is null)
            {
                return new Result(false, null, []);
            }

            var screening = Screening.Record(draft.ClientId, command.Answers, policy.IsotretinoinWashoutMonths, clock.GetUtcNow());
            return await ApplyAsync(draft, screening, policy.IsotretinoinWashoutMonths, cancellationToken);
        }

        public async Task<Result> ConfirmUnchangedAsync(Guid draftId, CancellationToken cancellationToken)
        {
            var (draft, policy) = await LoadAsync(draftId, cancellationToken);
            if (draft is null)
            {
                return new Result(false, null, []);
            }

            var previous = await db.Screenings.AsNoTracking().Where(s => s.ClientId == draft.ClientId)
                .OrderByDescending(s => s.AnsweredAt).FirstOrDefaultAsync(cancellationToken);
            if (previous is null || !previous.CanBeConfirmedUnchanged(clock.GetUtcNow(), policy.ScreeningValidDays))
            {
                throw new DomainException("Please answer the questions again.");
            }

            var screening = previous.ConfirmUnchanged(clock.GetUtcNow(), policy.ScreeningValidDays);
            return await ApplyAsync(draft, screening, policy.IsotretinoinWashoutMonths, cancellationToken);
        }

        private async Task<Result> ApplyAsync(Domain.Scheduling.BookingDraft draft, Screening screening, int washout, CancellationToken cancellationToken)
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
                ScreeningOutcome.HardStop => screening.Flags(ScreeningSeverity.HardStop, washout),
                ScreeningOutcome.NeedsReview => screening.Flags(ScreeningSeverity.NeedsReview, washout),
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
