using MicroSpa.Data;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Booking;

/// <summary>After "that time was just taken", the client picks one of the nearest open times instead.</summary>
public static class ChangeDraftTime
{
    public sealed class Handler(MicroSpaDbContext db, CurrentClient currentClient, BookingChecks checks)
    {
        public async Task<Outcome?> HandleAsync(Guid draftId, DateTimeOffset start, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.RequiredIdAsync(cancellationToken);
            var draft = await db.BookingDrafts.SingleOrDefaultAsync(d => d.Id == draftId && d.ClientId == clientId && d.AppointmentId == null, cancellationToken);
            if (draft is null)
            {
                return null;
            }

            var (outcome, _) = await checks.CheckAsync(draft.ServiceId, draft.AreaIds, draft.ProviderId, start, clientId, null, cancellationToken);
            if (!outcome.Succeeded)
            {
                return outcome;
            }

            draft.MoveTo(start);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Success;
        }
    }
}
