using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Features.Account;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>
/// A client the front desk added (by phone, as a walk-in) gets an online account linked to their record:
/// an email with a link to choose a password, after which they see their appointments in the portal.
/// </summary>
public static class InviteClientToPortal
{
    public sealed class Handler(MicroSpaDbContext db, AccountCreator accounts, AccountEmails emails, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such client.</returns>
        public async Task<Outcome?> HandleAsync(Guid clientId, CancellationToken cancellationToken)
        {
            var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken);
            if (client is null)
            {
                return null;
            }

            if (client.UserId is not null)
            {
                return Outcome.Fail("This client already has an online account.");
            }

            if (client.Email is null)
            {
                return Outcome.Fail("Add the client's email address first: the invitation is sent there.");
            }

            if (await accounts.EmailTakenAsync(client.Email))
            {
                return Outcome.Fail("Another account already uses this email address: check the client's email.");
            }

            var user = new ApplicationUser
            {
                UserName = client.Email,
                Email = client.Email,
                // The link goes to this address, so choosing a password proves it is theirs.
                EmailConfirmed = true,
                DisplayName = client.FullName,
                CreatedAt = clock.GetUtcNow(),
            };
            var outcome = await accounts.CreateAsync(user, password: null, Roles.Client, account => client.LinkAccount(account.Id), "Email", cancellationToken);
            if (!outcome.Succeeded)
            {
                return outcome;
            }

            logger.LogInformation("Client {ClientId} invited to the portal with account {UserId}", client.Id, user.Id);
            return await emails.SendPortalInvitationAsync(user, cancellationToken)
                ? Outcome.Success
                : Outcome.Fail("The account is made but the email could not be sent: ask the client to use \"Forgot your password\".");
        }
    }
}
