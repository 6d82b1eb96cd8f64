using MicroSpa.Data;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Setup;

/// <summary>An Admin lets the providers' calendar feeds name clients in full, or keeps them to initials (the default; decision 039).</summary>
public static class SetCalendarFeedNames
{
    public sealed class Handler(MicroSpaDbContext db, ILogger<Handler> logger)
    {
        public async Task<Outcome> HandleAsync(bool showNames, CancellationToken cancellationToken)
        {
            var policy = await db.BookingPolicies.SingleAsync(cancellationToken);
            policy.SetCalendarFeedNames(showNames);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Calendar feeds show client names: {ShowNames}", showNames);
            return Outcome.Success;
        }
    }
}
