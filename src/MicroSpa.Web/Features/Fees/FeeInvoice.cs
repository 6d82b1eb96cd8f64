using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Domain;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.Fees;

/// <summary>
/// The fee's own invoice for the appointment (the visit had none: it did not happen), made and issued the first time
/// the desk charges the fee or sends a link; found again after. An appointment has one invoice (a unique index), so two
/// desks at once make one.
/// </summary>
public sealed class FeeInvoice(MicroSpaDbContext db, Ledger ledger, ClinicTimeZone zone, TimeProvider clock)
{
    public async Task<Outcome<Guid>> IssuedAsync(AppointmentFees.Fee fee, Data.Billing.Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fee);
        var invoiceId = await db.Invoices.AsNoTracking().Where(i => i.AppointmentId == fee.AppointmentId).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(cancellationToken);
        if (invoiceId is null)
        {
            var appointment = await db.Appointments.AsNoTracking().Include(a => a.Service).SingleAsync(a => a.Id == fee.AppointmentId, cancellationToken);
            var description = $"{char.ToUpperInvariant(fee.Name[0])}{fee.Name[1..]}: {appointment.Service!.Name}, {zone.ToLocal(appointment.StartsAt):yyyy-MM-dd HH:mm}";
            try
            {
                var invoice = Invoice.ForFee(appointment, description.Length > InvoiceLine.DescriptionLength ? description[..InvoiceLine.DescriptionLength] : description,
                    fee.Amount, actor.UserId, clock.GetUtcNow());
                db.Invoices.Add(invoice);
                await db.SaveChangesAsync(cancellationToken);
                invoiceId = invoice.Id;
            }
            catch (DomainException e)
            {
                return Outcome.Fail(e.Message);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another desk made it meanwhile.
                db.ChangeTracker.Clear();
                invoiceId = await db.Invoices.AsNoTracking().Where(i => i.AppointmentId == fee.AppointmentId).Select(i => i.Id).SingleAsync(cancellationToken);
            }
        }

        var issued = await db.LedgerEntries.AsNoTracking().AnyAsync(e => e.InvoiceId == invoiceId && e.Kind == EntryKind.Issued, cancellationToken);
        if (!issued)
        {
            var result = await ledger.IssueAsync(invoiceId.Value, actor, cancellationToken);
            if (result.Status == LedgerStatus.Refused && !await db.LedgerEntries.AsNoTracking().AnyAsync(e => e.InvoiceId == invoiceId && e.Kind == EntryKind.Issued, cancellationToken))
            {
                return Outcome.Fail(result.Message ?? "The fee's invoice could not be issued.");
            }
        }

        return Outcome<Guid>.Done(invoiceId.Value);
    }
}
