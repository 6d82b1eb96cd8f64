using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Domain;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Payments;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Payments;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace MicroSpa.Web.Features.Fees;

/// <summary>
/// The desk charges the fee to the client's saved card, confirmed on the fee page: the fee's invoice is issued, then an
/// off-session PaymentIntent charges the card while the invoice is locked (the idempotency key is the fee invoice and the
/// form's submission, the ledger's submission id is the form's: a double tap charges once), and on success the ledger
/// has a Card payment (reference pi_…) and online_payments the provider's fact. A declined card writes no payment: the
/// page says why in plain words and what to do next. When Stripe's answer is lost (a timeout, a dropped connection), the
/// outcome is unknown, never called a decline: nothing is written, the page offers the same charge again with the same
/// submission (Stripe answers a repeated idempotency key with the first charge, so it charges once), and Stripe's
/// payment_intent.succeeded (<see cref="RecordFeeLinkPayment.OnPaymentSucceeded"/>) records it if it came through. Before
/// charging, the client's payment intents at Stripe are asked for one that already paid this fee invoice: found, it is
/// recorded instead of charging again (a fresh page after a lost answer).
/// </summary>
public static class ChargeFee
{
    public const string NextStep = "Nothing was charged. Send the client a link to pay, or take the payment at the desk.";

    public const string Unknown = "Stripe did not answer, so we do not know yet whether the card was charged; nothing is recorded here yet. "
        + "If Stripe charged it, Stripe's notice puts the payment on the fee's invoice by itself within a few minutes. "
        + "Charge again from this page to ask Stripe once more: it is the same charge, so the card is never charged twice.";

    /// <summary>What the desk is told, and the submission to repeat when Stripe's answer was lost.</summary>
    public sealed record Charged(string? Notice, Guid? Repeat);

    public sealed class Command
    {
        public Guid? SubmissionId { get; set; }
        public string? PaymentMethodId { get; set; }
    }

    public sealed class Handler(
        MicroSpaDbContext db, AppointmentFees.Handler fees, FeeInvoice feeInvoices, SavedCards cards, Ledger ledger, IStripeClient stripe,
        Infrastructure.Actor actor, ClinicMoney money, TimeProvider clock, ILogger<Handler> logger)
    {
        /// <returns>Null when the appointment has no fee to charge.</returns>
        public async Task<Outcome<Charged>?> HandleAsync(Guid appointmentId, Command command, CancellationToken cancellationToken)
        {
            if (await fees.HandleAsync(appointmentId, cancellationToken) is not { } fee)
            {
                return null;
            }

            if (command.SubmissionId is not { } submission || submission == Guid.Empty || !SavedCards.LooksLikePaymentMethod(command.PaymentMethodId))
            {
                return Outcome.Fail("This page is out of date: open it again.");
            }

            var clientId = await db.Appointments.Where(a => a.Id == appointmentId).Select(a => a.ClientId).SingleAsync(cancellationToken);
            SavedCards.Card? card;
            try
            {
                card = await cards.OneAsync(clientId, command.PaymentMethodId!, cancellationToken);
            }
            catch (Exception e) when (StripeFailures.IsFailure(e, cancellationToken))
            {
                logger.LogWarning("Saved cards of client {ClientId} could not be read to charge a fee: {Error}", clientId, e.GetType().Name);
                return Outcome.Fail("We cannot reach the card service just now. " + NextStep);
            }

            if (card is null)
            {
                return Outcome.Fail("That card is no longer saved: open the page again.");
            }

            var issued = await feeInvoices.IssuedAsync(fee, actor.ForLedger, cancellationToken);
            if (!issued.Status.Succeeded)
            {
                return issued.Status;
            }

            var invoiceId = issued.Value;
            var unknown = false;
            var result = await ledger.TakeProviderCardAsync(invoiceId, submission, actor.ForLedger, async (due, ct) =>
            {
                var charged = money.Of(due);
                var customer = await cards.CustomerAsync(clientId, ct);
                PaymentIntent? intent;
                try
                {
                    // A charge of this invoice Stripe made but whose answer was lost: recorded now, never charged again.
                    intent = (await new PaymentIntentService(stripe).ListAsync(new PaymentIntentListOptions { Customer = customer, Limit = 100 }, null, ct)).Data
                        .FirstOrDefault(i => i.Status == "succeeded" && RecordFeeLinkPayment.FeeInvoiceOf(i.Metadata) == invoiceId);
                }
                catch (Exception e) when (StripeFailures.IsFailure(e, ct))
                {
                    logger.LogWarning("Payments of client {ClientId} could not be read to charge a fee: {Error}", clientId, e.GetType().Name);
                    throw new DomainException("We cannot reach the card service just now. " + NextStep);
                }

                try
                {
                    intent ??= await new PaymentIntentService(stripe).CreateAsync(
                        new PaymentIntentCreateOptions
                        {
                            Amount = StripeAmounts.ToMinor(charged),
                            Currency = StripeAmounts.Currency(charged),
                            Customer = customer,
                            PaymentMethod = card.Id,
                            Confirm = true,
                            OffSession = true,
                            Description = $"MicroSpa {fee.Name}",
                            Metadata = new Dictionary<string, string>
                            {
                                [RecordFeeLinkPayment.PurposeKey] = "fee", [RecordFeeLinkPayment.InvoiceKey] = invoiceId.ToString(), ["microspa_appointment_id"] = appointmentId.ToString(),
                            },
                        },
                        new RequestOptions { IdempotencyKey = $"microspa-fee-{invoiceId}-{submission}" },
                        ct);
                }
                catch (StripeException e) when (e.StripeError?.Type == "card_error")
                {
                    throw new DomainException($"{Declined(e.StripeError.Code, card)} {NextStep}");
                }
                catch (Exception e) when (StripeFailures.IsFailure(e, ct))
                {
                    logger.LogWarning("A fee charge for invoice {InvoiceId} got no answer from Stripe: {Error}", invoiceId, e.GetType().Name);
                    unknown = true;
                    throw new DomainException(Unknown);
                }

                if (intent.Status != "succeeded")
                {
                    throw new DomainException($"The client's bank asks the client to confirm this payment themselves. {NextStep}");
                }

                var paid = StripeAmounts.FromMinor(intent.AmountReceived, intent.Currency);
                db.OnlinePayments.Add(new OnlinePayment(intent.Id, OnlinePurpose.Fee, clientId, appointmentId, invoiceId, paid, null, intent.LatestChargeId,
                    card.Brand, card.LastFour, clock.GetUtcNow()));
                return new ProviderCharge(paid.Amount, intent.Id, card.Brand, card.LastFour);
            }, cancellationToken);

            switch (result.Status)
            {
                case LedgerStatus.Done or LedgerStatus.AlreadyDone:
                    logger.LogInformation("Fee of appointment {AppointmentId} charged on invoice {InvoiceId} by account {UserId}", appointmentId, invoiceId, actor.UserId);
                    return Outcome<Charged>.Done(new Charged($"Charged {money.Format(result.Entries[0].Amount)} to {card.Describe()}.", null));
                case LedgerStatus.Conflict:
                    return Outcome.Conflict("Nothing is due: the fee is paid.");
                case LedgerStatus.NotFound:
                    return null;
                default:
                    // A refusal (a decline above all) is audited: who tried to charge which card, and what the bank said.
                    var by = actor.ForLedger;
                    db.ChangeTracker.Clear();
                    db.AuditEntries.Add(new AuditEntry(by.UserId, by.UserName, clientId, unknown ? "money.fee-unknown" : "money.fee-refused", invoiceId, clock.GetUtcNow(),
                        $"{fee.Name} {money.Format(fee.Amount)} to {card.Describe()}: {result.Message}", by.Address));
                    await db.SaveChangesAsync(cancellationToken);
                    return unknown ? new Outcome<Charged>(Outcome.Fail(Unknown), new Charged(null, submission)) : Outcome.Fail(result.Message ?? NextStep);
            }
        }

        private static string Declined(string? code, SavedCards.Card card) => code switch
        {
            "expired_card" => $"The card has expired ({card.Describe()}, {card.Expiry}).",
            "authentication_required" => $"The client's bank wants the client to confirm this payment themselves ({card.Describe()}).",
            "insufficient_funds" => $"The card was declined for insufficient funds ({card.Describe()}).",
            _ => $"The card was declined ({card.Describe()}).",
        };
    }
}
