using MicroSpa.Data;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// Charges the client's membership month owed (decision 061): one untaxed line at the price the client joined at. Only the current
/// month is owed; when the invoice is paid in full the month is paid and its sessions are the client's.
/// </summary>
public static class AddMembershipLine
{
    public sealed class Command
    {
        public Guid? MembershipPeriodId { get; set; }
    }

    private static readonly Dictionary<string, string> Fields = new() { [nameof(InvoiceLine.MembershipPeriodId)] = nameof(Command.MembershipPeriodId) };

    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<Outcome?> HandleAsync(Guid invoiceId, Command command, CancellationToken cancellationToken)
        {
            var month = await db.MembershipPeriods.AsNoTracking().Where(p => p.Id == command.MembershipPeriodId)
                .Join(db.Memberships.AsNoTracking(), p => p.MembershipId, m => m.Id, (p, m) => new { Period = p, Membership = m })
                .Join(db.MembershipPlans.AsNoTracking(), x => x.Membership.PlanId, plan => plan.Id, (x, plan) => new { x.Period, x.Membership, plan.Name })
                .SingleOrDefaultAsync(cancellationToken);
            if (month is null)
            {
                return await db.Invoices.AnyAsync(i => i.Id == invoiceId, cancellationToken)
                    ? Outcome.Fail(nameof(Command.MembershipPeriodId), "Choose the membership month owed.")
                    : null;
            }

            return await DraftInvoices.EditAsync(db, invoiceId, invoice =>
            {
                invoice.AddMembershipMonth(month.Membership, month.Period, month.Name);
                return Task.CompletedTask;
            }, Fields, cancellationToken);
        }
    }
}
