using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Booking;

/// <summary>The confirm page of a booking in progress, again with why and nearby times when confirming or moving it was refused.</summary>
public static class Confirmation
{
    public sealed class Handler(DraftSummary.Handler summary, NearbyTimes.Handler nearby, IOptions<ClinicOptions> clinic)
    {
        /// <summary>Null when the draft is not the signed-in client's.</summary>
        public async Task<ConfirmPage?> HandleAsync(Guid draftId, Outcome outcome, IReadOnlyList<OpenSlot> alternatives, CancellationToken cancellationToken) =>
            await summary.HandleAsync(draftId, cancellationToken) is { } draft
                ? new ConfirmPage(draft, clinic.Value, outcome, nearby.Grid(alternatives, $"/book/{draftId}/time", "post", null))
                : null;
    }
}

public sealed record ConfirmPage(DraftSummary.Result Draft, ClinicOptions Clinic, Outcome Outcome, TimeGrid? Alternatives);
