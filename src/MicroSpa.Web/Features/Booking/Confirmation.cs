using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Booking;

/// <summary>
/// The confirm page of a booking in progress, again with why and nearby times when confirming or moving it was refused;
/// with the deposit or card asked and the payment policy in plain words when the clinic asks one online.
/// </summary>
public static class Confirmation
{
    public sealed class Handler(
        DraftSummary.Handler summary, NearbyTimes.Handler nearby, PaymentStep.Handler payment, SeriesOffers.Handler series, AssignedProvider.Handler assigned, CurrentClient currentClient,
        IOptions<ClinicOptions> clinic, TimeProvider clock)
    {
        /// <summary>Null when the draft is not the signed-in client's.</summary>
        public async Task<ConfirmPage?> HandleAsync(Guid draftId, Outcome outcome, IReadOnlyList<OpenSlot> alternatives, CancellationToken cancellationToken)
        {
            if (await summary.HandleAsync(draftId, cancellationToken) is not { } draft)
            {
                return null;
            }

            var asked = draft.AppointmentId is null && await currentClient.IdAsync(cancellationToken) is { } clientId
                ? await payment.HandleAsync(clientId, draft.ServiceId, cancellationToken)
                : null;

            // "Any provider": the one the time was found for, whom confirming books now (the same assignment).
            var found = draft.ProviderId is null && draft.AppointmentId is null
                ? await assigned.HandleAsync(draft.ServiceId, null, draft.StartsAt, cancellationToken)
                : null;
            var offers = draft.AppointmentId is null ? await series.ForServiceAsync(draft.ServiceId, cancellationToken) : [];
            return new ConfirmPage(draft, clinic.Value, outcome, nearby.Grid(alternatives, $"/book/{draftId}/time", "post", null))
            {
                Payment = asked,
                Series = offers,
                ProviderName = found?.Name ?? draft.ProviderName,
                ProviderFoundForTime = found is not null,
                LocksOnBooking = !Appointment.ChangeableOnline(draft.StartsAt, clock.GetUtcNow(), TimeSpan.FromHours(draft.CancellationCutoffHours)),
            };
        }
    }
}

public sealed record ConfirmPage(DraftSummary.Result Draft, ClinicOptions Clinic, Outcome Outcome, TimeGrid? Alternatives)
{
    /// <summary>What the clinic asks before booking online (a deposit or a card) with its policy; null: nothing, confirm at once.</summary>
    public PaymentStep.Result? Payment { get; init; }

    /// <summary>The prepaid series the client may buy with this booking instead (issue 19); empty when none is sold online.</summary>
    public IReadOnlyList<SeriesOffers.Offer> Series { get; init; } = [];

    /// <summary>Who the visit is with: the provider chosen, or the one the time was found for when the client chose any.</summary>
    public string ProviderName { get; init; } = Draft.ProviderName;

    /// <summary>The client chose any provider and <see cref="ProviderName"/> is the one free at this time.</summary>
    public bool ProviderFoundForTime { get; init; }

    /// <summary>The time is already inside the online cancel/reschedule cutoff: once booked, only a call changes it.</summary>
    public bool LocksOnBooking { get; init; }
}
