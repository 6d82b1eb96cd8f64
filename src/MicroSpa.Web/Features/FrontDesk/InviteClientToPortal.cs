using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>
/// A client the front desk added (by phone, as a walk-in) gets an online account: an email with a link to
/// choose a password. The front desk typed the address, so the account does not read the client's record
/// (appointments, aftercare, photos, progress) until the client confirms in person, to a clinician, that the
/// address is theirs (<see cref="PortalAccess.ConfirmPortalAccount"/>); otherwise the desk could type its own
/// mailbox and read the records its role may not. Every invitation is audited.
/// </summary>
public static class InviteClientToPortal
{
    public const string Action = "portal.invite";

    public sealed class Handler(
        MicroSpaDbContext db, MergedClients.Handler merged, AccountCreator accounts, AccountEmails emails, ClinicalAudit audit, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such client.</returns>
        public async Task<Outcome?> HandleAsync(Guid clientId, CancellationToken cancellationToken)
        {
            var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken);
            if (client is null)
            {
                return null;
            }

            if (client.MergedIntoId is { } kept)
            {
                return (await merged.RefusalAsync(client.Id, kept, cancellationToken)).AsOutcome();
            }

            if (client.UserId is not null)
            {
                return Outcome.Fail("This client already has an online account.");
            }

            if (client.PendingUserId is not null)
            {
                return Outcome.Fail("An invitation already waits: the client's provider confirms the address with them at their next visit.");
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
                // Choosing a password from the link proves the mailbox, not whose it is: the record stays closed
                // to this account until the client confirms the address in person.
                EmailConfirmed = true,
                DisplayName = client.FullName,
                CreatedAt = clock.GetUtcNow(),
            };
            var outcome = await accounts.CreateAsync(user, password: null, Roles.Client, account =>
            {
                client.OfferAccount(account.Id);
                audit.Add(client.Id, Action, account.Id, $"to {client.Email}");
            }, "Email", cancellationToken);
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
