using MicroSpa.Domain.Billing;
using MicroSpa.Web.Features.Shared;

namespace MicroSpa.Web.Features.Booking;

/// <summary>
/// What the confirm step asks before booking online (issue 18): the deposit or the card the clinic's rules call for, with
/// the current payment policy in the words the client reads. Nothing when online payments are off or nothing is asked:
/// the booking is then confirmed at once, as it always was.
/// </summary>
public static class PaymentStep
{
    public sealed record Result(BookingRequirement Requirement, int PolicyVersion, string PolicyText)
    {
        public bool Deposit => Requirement.Due == PaymentDue.Deposit;

        /// <summary>The words the client accepts (kept with the acceptance): the policy's version is kept beside them.</summary>
        public string Asked => Requirement.Summary;
    }

    public sealed class Handler(BookingPayment.Handler payment, PaymentPolicyWording.Handler wording, BookingStripe stripe)
    {
        /// <param name="clientId">The client booking.</param>
        /// <param name="serviceId">The service booked.</param>
        /// <param name="cancellationToken">The request's.</param>
        /// <param name="words">False when only the policy's version is needed (confirming compares it with the one read; the
        /// words asked are the requirement's summary): its text is then not filled in (<see cref="Result.PolicyText"/> empty).</param>
        public async Task<Result?> HandleAsync(Guid clientId, Guid serviceId, CancellationToken cancellationToken, bool words = true)
        {
            if (!stripe.On || await payment.HandleAsync(clientId, serviceId, cancellationToken) is not { Due: not PaymentDue.Nothing } requirement)
            {
                return null;
            }

            if (!words)
            {
                return new Result(requirement, await wording.VersionAsync(cancellationToken), string.Empty);
            }

            var policy = await wording.HandleAsync(cancellationToken);
            return new Result(requirement, policy.Version, policy.Text);
        }
    }
}
