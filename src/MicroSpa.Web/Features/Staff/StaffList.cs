using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Staff;

/// <summary>Everyone with a staff role, with their roles and their provider record when they treat clients.</summary>
public static class StaffList
{
    public sealed record Member(
        Guid UserId, string DisplayName, string Email, IReadOnlyList<string> Roles, string? Credential, bool? Bookable, bool LockedOut, bool AccessEnded);

    public sealed class Handler(MicroSpaDbContext db, TimeProvider clock)
    {
        public async Task<IReadOnlyList<Member>> HandleAsync(CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var rows = await (
                    from user in db.Users.AsNoTracking()
                    join userRole in db.UserRoles on user.Id equals userRole.UserId
                    join role in db.Roles on userRole.RoleId equals role.Id
                    where role.Name != Data.Identity.Roles.Client
                    join provider in db.Providers on user.Id equals provider.UserId into providers
                    from provider in providers.DefaultIfEmpty()
                    select new
                    {
                        user.Id, user.DisplayName, user.Email, Role = role.Name, Credential = provider == null ? (Domain.Scheduling.ProviderCredential?)null : provider.Credential,
                        Bookable = provider == null ? (bool?)null : provider.Bookable, user.LockoutEnd, user.DeactivatedAt,
                    })
                .ToListAsync(cancellationToken);
            return rows.GroupBy(r => r.Id)
                .Select(g => g.First() is var u
                    ? new Member(u.Id, u.DisplayName, u.Email!, g.Select(r => r.Role!).Order().ToList(), u.Credential?.ToString(), u.Bookable,
                        u.LockoutEnd is { } end && end > now, u.DeactivatedAt is not null)
                    : null!)
                .OrderBy(m => m.DisplayName)
                .ToList();
        }
    }
}
