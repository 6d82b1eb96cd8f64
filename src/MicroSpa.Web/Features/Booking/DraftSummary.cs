using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Booking;

/// <summary>A client's booking in progress as the checkout pages show it.</summary>
public static class DraftSummary
{
    public sealed record Result(
        Guid DraftId, Guid ServiceId, string ServiceName, ServiceKind Kind, int DurationMinutes, decimal Price,
        IReadOnlyList<string> Areas, Guid? ProviderId, string ProviderName,
        DateTimeOffset StartsAt, DateTime LocalStart, bool ScreeningDone, bool ConsentDone, bool NeedsIntake,
        Guid? AppointmentId, int CancellationCutoffHours)
    {
        /// <summary>The service needs a medical clearance and the client will have none in force on the day: a short exam comes first.</summary>
        public bool ClearanceNeeded { get; init; }
    }

    public sealed class Handler(MicroSpaDbContext db, CurrentClient currentClient, ClinicTimeZone zone)
    {
        public async Task<Result?> HandleAsync(Guid draftId, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.IdAsync(cancellationToken);
            var draft = await db.BookingDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == draftId && d.ClientId == clientId, cancellationToken);
            if (draft is null)
            {
                return null;
            }

            var service = await db.Services.AsNoTracking().SingleAsync(s => s.Id == draft.ServiceId, cancellationToken);
            var areas = await db.BodyAreas.AsNoTracking().Where(a => draft.AreaIds.Contains(a.Id)).OrderBy(a => a.SortOrder)
                .Select(a => a.Name).ToListAsync(cancellationToken);
            var provider = draft.ProviderId is { } id
                ? await db.Providers.AsNoTracking().Where(p => p.Id == id).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken)
                : null;
            var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);
            var visitDay = DateOnly.FromDateTime(zone.ToLocal(draft.StartsAt));
            var cleared = service.RequiresClearance && (await db.MedicalClearances.AsNoTracking()
                    .Where(c => c.ClientId == draft.ClientId && c.Decision == Domain.Intake.ClearanceDecision.Cleared && c.VoidedAt == null)
                    .ToListAsync(cancellationToken))
                .Any(c => c.Covers(service.Id, visitDay));
            return new Result(draft.Id, service.Id, service.Name, service.Kind, service.DurationMinutes, service.Price, areas,
                draft.ProviderId, provider ?? "Any available provider", draft.StartsAt, zone.ToLocal(draft.StartsAt),
                draft.ScreeningId is not null, draft.ConsentSignatureId is not null, draft.NeedsIntake, draft.AppointmentId,
                policy.CancellationCutoffHours)
            {
                ClearanceNeeded = service.RequiresClearance && !cleared,
            };
        }
    }
}
