using System.Security.Claims;
using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace MicroSpa.Web.Features.Sessions;

/// <summary>
/// A person ends every session of theirs, this one included (a phone left somewhere, a shared computer):
/// the rows go, so each of those cookies is refused on its next request, on every instance. The security
/// stamp is renewed too, so nothing signed in with the old one outlives it.
/// </summary>
public static class SignOutEverywhere
{
    public sealed class Handler(MicroSpaDbContext db, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, ILogger<Handler> logger)
    {
        public async Task<int> HandleAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
        {
            var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("No signed-in user.");
            var ended = await ServerSessions.EndAllAsync(db, user.Id, cancellationToken);
            await users.UpdateSecurityStampAsync(user);
            await signIn.SignOutAsync();
            logger.LogInformation("Account {UserId} signed out everywhere ({Sessions} sessions)", user.Id, ended);
            return ended;
        }
    }
}
