using MicroSpa.Data;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.MyAppointments;

/// <summary>The client opts out of (or back into) non-essential messages: check-ins and due reminders.</summary>
public static class SetMyPreferences
{
    public sealed class Handler(MicroSpaDbContext db, CurrentClient currentClient)
    {
        public async Task HandleAsync(bool optOut, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.RequiredIdAsync(cancellationToken);
            var client = await db.Clients.SingleAsync(c => c.Id == clientId, cancellationToken);
            client.SetReminderPreference(optOut);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
