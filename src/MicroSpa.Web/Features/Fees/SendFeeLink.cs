using System.Net;
using MicroSpa.Data;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Email;
using MicroSpa.Web.Infrastructure.Payments;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace MicroSpa.Web.Features.Fees;

/// <summary>
/// After a decline (or instead of charging), the desk emails the client a link to pay the fee on Stripe's page: a Checkout
/// Session in payment mode for what is due on the fee invoice, kept as an OnlineCheckout (purpose Fee), the email queued
/// in the outbox. The payment is recorded when Stripe says the session is paid (its webhook, or the client's return).
/// </summary>
public static class SendFeeLink
{
    public sealed class Handler(
        MicroSpaDbContext db, AppointmentFees.Handler fees, FeeInvoice feeInvoices, PaymentCustomers customers, IStripeClient stripe, OutboxQueue outbox,
        PublicLinks links, Infrastructure.Actor actor, ClinicMoney money, ClinicTimeZone zone, IOptions<ClinicOptions> clinic, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Outcome<string>?> HandleAsync(Guid appointmentId, Guid? submissionId, CancellationToken cancellationToken)
        {
            if (await fees.HandleAsync(appointmentId, cancellationToken) is not { } fee)
            {
                return null;
            }

            if (submissionId is not { } submission || submission == Guid.Empty)
            {
                return Outcome.Fail("This page is out of date: open it again.");
            }

            var a = await db.Appointments.AsNoTracking().Where(x => x.Id == appointmentId)
                .Select(x => new { x.ClientId, x.Client!.FirstName, x.Client.Email, Service = x.Service!.Name, x.StartsAt }).SingleAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(a.Email))
            {
                return Outcome.Fail("The client has no email address: take the payment at the desk.");
            }

            var issued = await feeInvoices.IssuedAsync(fee, actor.ForLedger, cancellationToken);
            if (!issued.Status.Succeeded)
            {
                return issued.Status;
            }

            var invoiceId = issued.Value;
            var invoice = await db.Invoices.AsNoTracking().Include(i => i.Entries).SingleAsync(i => i.Id == invoiceId, cancellationToken);
            if (invoice.Due <= 0m || invoice.IsVoided)
            {
                return Outcome.Conflict("Nothing is due: the fee is paid.");
            }

            var due = money.Of(invoice.Due);
            var when = zone.ToLocal(a.StartsAt).ToString("dddd d MMMM, HH:mm", clinic.Value.CultureInfo);
            var metadata = new Dictionary<string, string>
            {
                ["microspa_purpose"] = "fee", ["microspa_invoice_id"] = invoiceId.ToString(), ["microspa_appointment_id"] = appointmentId.ToString(),
            };
            Session session;
            try
            {
                session = await new SessionService(stripe).CreateAsync(
                    new SessionCreateOptions
                    {
                        Mode = "payment",
                        Customer = await customers.ForClientAsync(a.ClientId, cancellationToken),
                        LineItems =
                        [
                            new SessionLineItemOptions
                            {
                                Quantity = 1,
                                PriceData = new SessionLineItemPriceDataOptions
                                {
                                    Currency = StripeAmounts.Currency(due), UnitAmount = StripeAmounts.ToMinor(due),
                                    ProductData = new SessionLineItemPriceDataProductDataOptions { Name = $"{clinic.Value.Name}: {fee.Name}, {a.Service} on {when}" },
                                },
                            },
                        ],
                        SuccessUrl = links.Action(nameof(FeePaymentController.Paid), "FeePayment") + "?session_id={CHECKOUT_SESSION_ID}",
                        CancelUrl = links.Action(nameof(FeePaymentController.Paid), "FeePayment") + "?session_id={CHECKOUT_SESSION_ID}",
                        Metadata = metadata,
                        PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata },
                    },
                    new RequestOptions { IdempotencyKey = $"microspa-fee-link-{invoiceId}-{submission}" },
                    cancellationToken);
            }
            catch (Exception e) when (StripeFailures.IsFailure(e, cancellationToken))
            {
                logger.LogWarning("A fee link for invoice {InvoiceId} could not be opened at Stripe: {Error}", invoiceId, e.GetType().Name);
                return Outcome.Fail("We cannot reach the card service just now: nothing was sent. Try again in a few minutes, or take the payment at the desk.");
            }

            var now = clock.GetUtcNow();
            var expires = new DateTimeOffset(DateTime.SpecifyKind(session.ExpiresAt, DateTimeKind.Utc));
            if (!await db.OnlineCheckouts.AnyAsync(c => c.Id == session.Id, cancellationToken))
            {
                db.OnlineCheckouts.Add(new OnlineCheckout(session.Id, OnlinePurpose.Fee, a.ClientId, appointmentId, invoiceId, due, due.Currency, session.Url, now, expires));
                var until = zone.ToLocal(expires).ToString("dddd d MMMM, HH:mm", clinic.Value.CultureInfo);
                var text = $"Hello {a.FirstName},\n\nUnder our cancellation policy, the {fee.Name} of {money.Format(due)} for your {a.Service} on {when} is due.\n"
                           + $"You can pay it on our payment provider's secure page until {until}:\n{session.Url}\n\nQuestions? Reply to this email or call us.\n\n{clinic.Value.Name}";
                var html = $"<p>Hello {WebUtility.HtmlEncode(a.FirstName)},</p><p>Under our cancellation policy, the {WebUtility.HtmlEncode(fee.Name)} of {WebUtility.HtmlEncode(money.Format(due))} "
                           + $"for your {WebUtility.HtmlEncode(a.Service)} on {WebUtility.HtmlEncode(when)} is due.</p><p><a href=\"{WebUtility.HtmlEncode(session.Url)}\">Pay it on our payment provider's secure page</a> (until {WebUtility.HtmlEncode(until)}).</p>"
                           + $"<p>Questions? Reply to this email or call us.</p><p>{WebUtility.HtmlEncode(clinic.Value.Name)}</p>";
                outbox.Add($"fee-link:{session.Id}", "fee-link", new EmailMessage(a.Email, $"{clinic.Value.Name}: your {fee.Name}", text, html));
                var by = actor.ForLedger;
                db.AuditEntries.Add(new AuditEntry(by.UserId, by.UserName, a.ClientId, "money.fee-link", invoiceId, now, $"{fee.Name} {money.Format(due)}: link {session.Id} emailed", by.Address));
                await db.SaveChangesAsync(cancellationToken);
            }

            logger.LogInformation("Fee link {SessionId} for invoice {InvoiceId} sent by account {UserId}", session.Id, invoiceId, actor.UserId);
            return Outcome<string>.Done($"A link to pay {money.Format(due)} was emailed to the client.");
        }
    }
}
