using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Staff;

/// <summary>Everyone with a staff role, with their provider record when they treat clients.</summary>
public static class StaffList
{
    public sealed record Member(Guid UserId, string DisplayName, string Email, string Role, string? Credential, bool? Bookable, bool LockedOut);

    public sealed class Handler(MicroSpaDbContext db, TimeProvider clock)
    {
        public async Task<IReadOnlyList<Member>> HandleAsync(CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            return await (
                    from user in db.Users.AsNoTracking()
                    join userRole in db.UserRoles on user.Id equals userRole.UserId
                    join role in db.Roles on userRole.RoleId equals role.Id
                    where role.Name != Data.Identity.Roles.Client
                    join provider in db.Providers on user.Id equals provider.UserId into providers
                    from provider in providers.DefaultIfEmpty()
                    orderby role.Name, user.DisplayName
                    select new Member(
                        user.Id,
                        user.DisplayName,
                        user.Email!,
                        role.Name!,
                        provider == null ? null : provider.Credential.ToString(),
                        provider == null ? null : provider.Bookable,
                        user.LockoutEnd != null && user.LockoutEnd > now))
                .ToListAsync(cancellationToken);
        }
    }
}
