using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Booking;

/// <summary>The checkout page: the time a signed-in client chose, checked, with nearby times to pick when it cannot be booked.</summary>
public static class ChosenTime
{
    public sealed class Handler(ServiceChoices.Handler choices, BookingChecks checks, CurrentClient client, NearbyTimes.Handler nearby, ClinicTimeZone zone)
    {
        /// <summary>The page for the time chosen, checked now. Null when the service is not offered.</summary>
        public async Task<CheckoutPage?> HandleAsync(StartBooking.Command command, CancellationToken cancellationToken)
        {
            if (await choices.ForAsync(command.ServiceId, cancellationToken) is not { } service)
            {
                return null;
            }

            var (outcome, alternatives) = await checks.CheckAsync(
                command.ServiceId, command.AreaIds, command.ProviderId, command.Start, await client.RequiredIdAsync(cancellationToken), null, cancellationToken);
            return Page(service, command, outcome, alternatives);
        }

        /// <summary>The page again after starting the booking was refused, with why and the times offered instead.</summary>
        public async Task<CheckoutPage?> RefusedAsync(
            StartBooking.Command command, Outcome outcome, IReadOnlyList<OpenSlot> alternatives, CancellationToken cancellationToken) =>
            await choices.ForAsync(command.ServiceId, cancellationToken) is { } service ? Page(service, command, outcome, alternatives) : null;

        private CheckoutPage Page(ServiceChoices.Result service, StartBooking.Command command, Outcome outcome, IReadOnlyList<OpenSlot> alternatives) =>
            new(service, command, zone.ToLocal(command.Start), outcome, nearby.Grid(alternatives, "/book/checkout", "get", command));
    }
}

public sealed record CheckoutPage(ServiceChoices.Result Service, StartBooking.Command Command, DateTime LocalStart, Outcome Outcome, TimeGrid? Alternatives);
