using MicroSpa.Data;
using MicroSpa.Domain.Intake;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Booking;

/// <summary>What the screening page shows: the questions, and a recent screening the client may reuse.</summary>
public static class ScreeningPage
{
    public sealed record Page(Guid DraftId, string ServiceName, int QuestionnaireVersion, IReadOnlyList<ScreeningQuestion> Questions, DateTimeOffset? ReusableFrom,
        IReadOnlyDictionary<string, bool> Answers);

    public sealed class Handler(MicroSpaDbContext db, CurrentClient currentClient, Shared.ScreeningForms forms, TimeProvider clock)
    {
        public async Task<Page?> HandleAsync(Guid draftId, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.RequiredIdAsync(cancellationToken);
            var draft = await db.BookingDrafts.AsNoTracking()
                .Where(d => d.Id == draftId && d.ClientId == clientId && d.AppointmentId == null)
                .Select(d => new { d.Id, Service = db.Services.Where(s => s.Id == d.ServiceId).Select(s => s.Name).Single() })
                .SingleOrDefaultAsync(cancellationToken);
            if (draft is null)
            {
                return null;
            }

            var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);
            var questions = await forms.CurrentAsync(cancellationToken);
            var latest = await db.Screenings.AsNoTracking().Where(s => s.ClientId == clientId)
                .OrderByDescending(s => s.AnsweredAt).FirstOrDefaultAsync(cancellationToken);
            var reusable = latest is not null && latest.CanBeConfirmedUnchanged(clock.GetUtcNow(), policy.ScreeningValidDays, questions.Version)
                ? latest.AnsweredAt
                : (DateTimeOffset?)null;
            return new Page(draft.Id, draft.Service, questions.Version, questions.Questions, reusable,
                new Dictionary<string, bool>());
        }
    }
}
