using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.PortalAccess;

/// <summary>
/// A clinician, with the client in front of them, confirms that the address of the online account waiting for
/// the client (a front desk invitation, or a sign-up with the address the desk typed) is the client's own: the
/// account then reads the client's appointments, aftercare, photos and progress. Only someone who may already
/// read the records gives another person access to them; the front desk cannot. Audited.
/// </summary>
public static class ConfirmPortalAccount
{
    public const string Action = "portal.confirm";

    public sealed class Handler(MicroSpaDbContext db, MergedClients.Handler merged, ClinicalAudit audit, ILogger<Handler> logger)
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

            Guid account;
            try
            {
                account = client.ConfirmPendingAccount();
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Message);
            }

            audit.Add(client.Id, Action, account, $"{client.Email}, confirmed by the client in person");
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Client {ClientId} confirmed online account {UserId} in person", client.Id, account);
            return Outcome.Success;
        }
    }
}
