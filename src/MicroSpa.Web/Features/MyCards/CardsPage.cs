using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Payments;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.MyCards;

/// <summary>
/// The client's saved cards (read live from Stripe) and, for each, whether it expires before the next visit. When Stripe
/// cannot be reached the page says so instead of listing nothing as if there were no card.
/// </summary>
public static class CardsPage
{
    public sealed record Row(SavedCards.Card Card, bool ExpiresBeforeNextVisit);

    public sealed record Result(IReadOnlyList<Row> Cards, DateOnly? NextVisit, bool Unreachable, Guid SubmissionId);

    public sealed class Handler(MicroSpaDbContext db, CurrentClient currentClient, SavedCards cards, ClinicTimeZone zone, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Result> HandleAsync(CancellationToken cancellationToken)
        {
            var clientId = await currentClient.RequiredIdAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var next = await db.Appointments.AsNoTracking()
                .Where(a => a.ClientId == clientId && a.Status == AppointmentStatus.Booked && a.StartsAt > now)
                .OrderBy(a => a.StartsAt).Select(a => (DateTimeOffset?)a.StartsAt).FirstOrDefaultAsync(cancellationToken);
            DateOnly? nextVisit = next is { } at ? DateOnly.FromDateTime(zone.ToLocal(at)) : null;
            try
            {
                var saved = await cards.ForClientAsync(clientId, cancellationToken);
                return new Result([.. saved.Select(c => new Row(c, nextVisit is { } day && !c.ValidOn(day)))], nextVisit, false, Guid.NewGuid());
            }
            catch (Exception e) when (StripeFailures.IsFailure(e, cancellationToken))
            {
                logger.LogWarning("Saved cards of client {ClientId} could not be read from Stripe: {Error}", clientId, e.GetType().Name);
                return new Result([], nextVisit, true, Guid.NewGuid());
            }
        }
    }
}
