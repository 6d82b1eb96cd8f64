using MicroSpa.Data;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>The Admin grants (or takes back) the front desk's right to refund; the Admin always may. Audited.</summary>
public static class SetRefundPermission
{
    public const string AuditAction = "money.refund-permission";

    public sealed class Command
    {
        public bool FrontDeskMayRefund { get; set; }
    }

    public sealed class Handler(MicroSpaDbContext db, Shared.ClinicalAudit audit, Actor actor, ILogger<Handler> logger)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var settings = await db.BillingSettings.SingleAsync(cancellationToken);
            settings.LetFrontDeskRefund(command.FrontDeskMayRefund);
            audit.Add(null, AuditAction, null, command.FrontDeskMayRefund ? "the front desk may refund" : "only the Admin refunds");
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Front desk refunds {Allowed} by account {UserId}", command.FrontDeskMayRefund, actor.UserId);
            return Outcome.Success;
        }
    }
}
