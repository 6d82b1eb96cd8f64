using System.ComponentModel.DataAnnotations;
using MicroSpa.Data;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>A sale without an appointment (retail over the counter): for a client picked from their profile, or for nobody named.</summary>
public static class StartWalkInSale
{
    public sealed class Command
    {
        [Display(Name = "Client")]
        public Guid? ClientId { get; set; }
    }

    public sealed record Result(Outcome Outcome, Guid? InvoiceId);

    public sealed class Handler(MicroSpaDbContext db, MergedClients.Handler merged, Actor actor, ClinicMoney money, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            if (command.ClientId is { } clientId && !await db.Clients.AnyAsync(c => c.Id == clientId, cancellationToken))
            {
                return new Result(Outcome.Fail(nameof(Command.ClientId), "That client is not on file: pick them from the client list, or sell without a name."), null);
            }

            if (command.ClientId is { } named && await merged.RefusalAsync(named, cancellationToken) is { } refused)
            {
                return new Result(refused.AsOutcome(nameof(Command.ClientId)), null);
            }

            var invoice = Invoice.WalkIn(command.ClientId, money.Currency, actor.ForLedger.UserId, clock.GetUtcNow());
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Walk-in invoice {InvoiceId} opened for client {ClientId} by account {UserId}", invoice.Id, command.ClientId, actor.UserId);
            return new Result(Outcome.Success, invoice.Id);
        }
    }
}
