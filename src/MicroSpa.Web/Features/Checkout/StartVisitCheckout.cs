using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// Checks a visit out from its appointment card: a draft invoice with the service at the price it was booked at
/// (and the areas booked in its description). A visit has one invoice: asking again opens the one it has.
/// </summary>
public static class StartVisitCheckout
{
    public sealed record Result(Outcome Outcome, Guid? InvoiceId);

    public sealed class Handler(MicroSpaDbContext db, Actor actor, ClinicMoney money, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such appointment.</returns>
        public async Task<Result?> HandleAsync(Guid appointmentId, CancellationToken cancellationToken)
        {
            if (await ExistingAsync(appointmentId, cancellationToken) is { } existing)
            {
                return new Result(Outcome.Success, existing);
            }

            var appointment = await db.Appointments.AsNoTracking().Include(a => a.BodyAreas).Include(a => a.Service)
                .SingleOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
            if (appointment is null)
            {
                return null;
            }

            var tax = await db.TaxClasses.AsNoTracking().SingleAsync(t => t.Kind == TaxKind.Services, cancellationToken);
            Invoice invoice;
            try
            {
                invoice = Invoice.ForVisit(appointment, Describe(appointment), tax, money.Currency, actor.ForLedger.UserId, clock.GetUtcNow());
            }
            catch (DomainException e)
            {
                return new Result(Outcome.Fail(e.Message), null);
            }

            db.Invoices.Add(invoice);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another desk opened it a moment ago: theirs is the visit's invoice.
                db.ChangeTracker.Clear();
                return new Result(Outcome.Success, await ExistingAsync(appointmentId, cancellationToken));
            }

            logger.LogInformation("Invoice {InvoiceId} opened for appointment {AppointmentId} by account {UserId}", invoice.Id, appointmentId, actor.UserId);
            return new Result(Outcome.Success, invoice.Id);
        }

        private Task<Guid?> ExistingAsync(Guid appointmentId, CancellationToken cancellationToken) =>
            db.Invoices.Where(i => i.AppointmentId == appointmentId).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(cancellationToken);

        private static string Describe(Appointment appointment)
        {
            var areas = string.Join(", ", appointment.BodyAreas.OrderBy(a => a.SortOrder).Select(a => a.Name));
            var text = areas.Length == 0 ? appointment.Service!.Name : $"{appointment.Service!.Name} · {areas}";
            return text.Length > InvoiceLine.DescriptionLength ? text[..(InvoiceLine.DescriptionLength - 1)] + "…" : text;
        }
    }
}
