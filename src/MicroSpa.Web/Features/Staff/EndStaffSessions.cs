using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Audit;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace MicroSpa.Web.Features.Staff;

/// <summary>
/// An Admin ends every open session of a staff member (a lost tablet, a suspicion): their next request on
/// any device, on any instance, is sent to sign in. The security stamp is renewed as well. Audited.
/// </summary>
public static class EndStaffSessions
{
    public const string Action = "staff.sessions-ended";

    public sealed class Handler(MicroSpaDbContext db, UserManager<ApplicationUser> users, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>How many sessions ended, or null when there is no such staff member.</returns>
        public async Task<int?> HandleAsync(Guid userId, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(userId.ToString());
            if (user is null || !(await users.GetRolesAsync(user)).Any(r => Roles.Staff.Contains(r)))
            {
                return null;
            }

            var ended = await ServerSessions.EndAllAsync(db, user.Id, cancellationToken);
            await users.UpdateSecurityStampAsync(user);
            db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.Name, null, Action, user.Id, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Sessions of staff account {UserId} ended by {ActorId} ({Sessions})", user.Id, actor.UserId, ended);
            return ended;
        }
    }
}
