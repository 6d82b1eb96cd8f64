using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Staff;

/// <summary>The change form for one staff member, filled with what is saved now.</summary>
public static class StaffMemberForm
{
    public sealed class Handler(MicroSpaDbContext db, UserManager<ApplicationUser> users)
    {
        /// <returns>Null when there is no such staff member.</returns>
        public async Task<(string Email, ChangeStaffMember.Command Form)?> HandleAsync(Guid userId, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(userId.ToString());
            if (user is null)
            {
                return null;
            }

            var roles = await users.GetRolesAsync(user);
            if (roles.Contains(Data.Identity.Roles.Client))
            {
                return null;
            }

            var provider = await db.Providers.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == user.Id, cancellationToken);
            return (user.Email!, new ChangeStaffMember.Command
            {
                DisplayName = user.DisplayName,
                Roles = [.. roles],
                Credential = provider is { Bookable: true } || (provider is not null && roles.Any(r => Data.Identity.Roles.Clinical.Contains(r)))
                    ? provider.Credential : ProviderCredential.None,
                Bookable = provider?.Bookable ?? false,
                Active = !user.Deactivated,
            });
        }
    }
}
