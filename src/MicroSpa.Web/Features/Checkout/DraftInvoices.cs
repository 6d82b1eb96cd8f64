using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Domain;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// Changes to an invoice that is still a draft (lines, discounts, the tip), each in one transaction that locks the
/// invoice's row as the ledger does, so a line cannot slip in while another desk issues the invoice.
/// </summary>
internal static class DraftInvoices
{
    /// <returns>Null when there is no such invoice; refused with the domain's message on the form's field.</returns>
    public static async Task<Outcome?> EditAsync(
        MicroSpaDbContext db, Guid invoiceId, Func<Invoice, Task> edit, IReadOnlyDictionary<string, string>? fields, CancellationToken cancellationToken) =>
        await db.InTransactionAsync<Outcome?>(
            async token =>
            {
                var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM invoices WHERE id = {invoiceId} FOR UPDATE").ToListAsync(token);
                if (locked.Count == 0)
                {
                    return null;
                }

                var invoice = await db.Invoices.Include(i => i.Lines).Include(i => i.Entries).AsSplitQuery().SingleAsync(i => i.Id == invoiceId, token);
                try
                {
                    await edit(invoice);
                }
                catch (DomainException e)
                {
                    db.ChangeTracker.Clear();
                    return Refused(e, fields);
                }

                await db.SaveChangesAsync(token);
                return Outcome.Success;
            },
            null,
            cancellationToken);

    /// <summary>The domain's refusal on the field of the form that asked (the domain names its own fields).</summary>
    public static Outcome Refused(DomainException e, IReadOnlyDictionary<string, string>? fields) =>
        Outcome.Fail(e.Field is { } field && fields?.TryGetValue(field, out var mapped) == true ? mapped : e.Field ?? string.Empty, e.Message);

    /// <summary>The ledger's answer as an outcome: done (or done before, for the same submission), refused on a field, or a conflict (paid meanwhile: 409).</summary>
    public static Outcome? From(LedgerResult result, IReadOnlyDictionary<string, string>? fields = null) => result.Status switch
    {
        LedgerStatus.NotFound => null,
        LedgerStatus.Refused => Refused(new DomainException(result.Message ?? "Refused.", result.Field), fields),
        LedgerStatus.Conflict => Refused(new DomainException(result.Message ?? "Nothing is due on this invoice.", result.Field), fields).AsConflict(),
        _ => Outcome.Success,
    };
}
