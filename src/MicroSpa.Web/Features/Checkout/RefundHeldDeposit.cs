using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// The desk (with the Refund permission) gives back through Stripe what is still held of an appointment's deposit: after a
/// late cancellation or a no-show the clinic keeps it unless someone decides otherwise, and what a checkout did not use
/// stays held until refunded here.
/// </summary>
public static class RefundHeldDeposit
{
    public sealed class Command
    {
        public Guid? SubmissionId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.SubmissionId).NotNull().WithMessage("The form is out of date: open the appointment again.");
    }

    public sealed class Handler(MicroSpaDbContext db, Shared.DepositRefunds refunds, ClinicMoney money, Actor actor)
    {
        /// <returns>Null when there is no such appointment.</returns>
        public async Task<Outcome<string>?> HandleAsync(Guid appointmentId, Command command, CancellationToken cancellationToken)
        {
            if (!await db.Appointments.AnyAsync(a => a.Id == appointmentId, cancellationToken))
            {
                return null;
            }

            try
            {
                var refunded = await refunds.ByStaffAsync(appointmentId, command.SubmissionId!.Value, actor.ForLedger, cancellationToken);
                return refunded.Count == 0
                    ? Outcome.Conflict("No deposit is held for this appointment any more: nothing was refunded.")
                    : Outcome<string>.Done("Deposit refunded through Stripe: " + string.Join(" ", refunded.Select(r =>
                        $"{money.Format(r.Amount)} back to {Shared.DepositRefunds.Card(r.CardBrand, r.CardLastFour).Replace("your ", "the client's ", StringComparison.Ordinal)}.")));
            }
            catch (DomainException e)
            {
                return Outcome.Fail(e.Message);
            }
        }
    }
}
